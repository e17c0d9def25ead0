namespace Rait.Core.Text;

/// <summary>Builds the normalised gold list shared by exact match and token F1.</summary>
internal static class GoldSet
{
    /// <summary>Normalised non-empty golds, or a single empty gold when there are none (SQuAD v2).</summary>
    public static IReadOnlyList<string> Normalized(IReadOnlyList<string> aliases, AnswerNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var golds = aliases.Select(a => AnswerNormalizer.Normalize(a, normalization))
            .Where(g => g.Length > 0).Distinct().ToList();
        return golds.Count > 0 ? golds : [""];
    }
}
