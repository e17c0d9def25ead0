namespace Rait.Core.Text;

/// <summary>
/// CRaFT's open-QA rule: the prediction (optionally cut at splitter strings, then trimmed and
/// lower-cased) is correct iff it contains any lower-cased alias as a substring.
/// </summary>
/// <remarks>
/// CRaFT §1.3 (OpenCompass <c>TriviaQAEvaluator</c>). This is containment, not exact match, although
/// the paper says "exact match". Empty aliases are skipped: in the original an empty string is a
/// substring of everything, which would mark every answer correct.
/// </remarks>
public sealed class AliasContainmentMatcher : IAnswerMatcher
{
    private readonly IReadOnlyList<string> _splitters;

    /// <param name="splitters">Strings at whose first case-insensitive occurrence the prediction is cut.</param>
    public AliasContainmentMatcher(IReadOnlyList<string>? splitters = null)
    {
        _splitters = splitters ?? [];
    }

    /// <inheritdoc />
    public bool IsCorrect(string prediction, IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(aliases);
        var pred = Split(prediction).Trim().ToLowerInvariant();
        foreach (var alias in aliases)
        {
            if (string.IsNullOrEmpty(alias)) continue;
            if (pred.Contains(alias.ToLowerInvariant(), StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Cuts <paramref name="text"/> at the first case-insensitive occurrence of each splitter, in order.</summary>
    public string Split(string text)
    {
        foreach (var splitter in _splitters)
        {
            if (splitter.Length == 0) continue;
            int at = text.IndexOf(splitter, StringComparison.OrdinalIgnoreCase);
            if (at >= 0) text = text[..at];
        }
        return text;
    }
}
