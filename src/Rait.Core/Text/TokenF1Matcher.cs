namespace Rait.Core.Text;

/// <summary>Token-level F1 after normalisation, max over golds, compared with a threshold.</summary>
/// <remarks>
/// F1 follows SQuAD <c>evaluate-v2.0.py</c>: if either token list is empty F1 is 1 when both are empty,
/// else 0; otherwise with c = |multiset intersection|, F1 = 0 when c = 0, else 2PR/(P+R).
/// </remarks>
public sealed class TokenF1Matcher : IAnswerMatcher
{
    private readonly double _threshold;
    private readonly AnswerNormalization _normalization;

    /// <param name="threshold">Minimum F1 in (0, 1] for a prediction to count as correct.</param>
    /// <param name="normalization">Normaliser applied to prediction and golds.</param>
    public TokenF1Matcher(double threshold, AnswerNormalization normalization = AnswerNormalization.Squad)
    {
        if (!(threshold > 0 && threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "expected a value in (0, 1]");
        _threshold = threshold;
        _normalization = normalization;
    }

    /// <inheritdoc />
    public bool IsCorrect(string prediction, IReadOnlyList<string> aliases) =>
        MaxF1(prediction, aliases, _normalization) >= _threshold;

    /// <summary>Max token F1 of <paramref name="prediction"/> over the golds.</summary>
    public static double MaxF1(string prediction, IReadOnlyList<string> aliases, AnswerNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var pred = AnswerNormalizer.Tokens(AnswerNormalizer.Normalize(prediction, normalization));
        double best = 0;
        foreach (var gold in GoldSet.Normalized(aliases, normalization))
            best = Math.Max(best, F1(pred, AnswerNormalizer.Tokens(gold)));
        return best;
    }

    /// <summary>Token F1 of two token lists (multiset overlap).</summary>
    public static double F1(IReadOnlyList<string> predTokens, IReadOnlyList<string> goldTokens)
    {
        if (predTokens.Count == 0 || goldTokens.Count == 0)
            return predTokens.Count == 0 && goldTokens.Count == 0 ? 1.0 : 0.0;
        var goldCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in goldTokens) goldCounts[t] = goldCounts.GetValueOrDefault(t) + 1;
        int common = 0;
        foreach (var t in predTokens)
        {
            if (goldCounts.TryGetValue(t, out var n) && n > 0) { common++; goldCounts[t] = n - 1; }
        }
        if (common == 0) return 0.0;
        double precision = (double)common / predTokens.Count;
        double recall = (double)common / goldTokens.Count;
        return 2 * precision * recall / (precision + recall);
    }
}
