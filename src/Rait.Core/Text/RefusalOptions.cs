namespace Rait.Core.Text;

/// <summary>Configures <see cref="RefusalDetector"/>.</summary>
public sealed record RefusalOptions
{
    /// <summary>Phrases that also mark a refusal (case-insensitive substring), in addition to "i don't know".</summary>
    public IReadOnlyList<string> ExtraPhrases { get; init; } = [];

    /// <summary>
    /// Map typographic apostrophes (’ ‘ ʼ ´ `) to "'" before matching. Off by default for parity with
    /// CRaFT, whose check misses "I don’t know" written with a curly apostrophe.
    /// </summary>
    public bool NormalizeApostrophes { get; init; }

    /// <summary>Returns every problem with its key path under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix = "refusal")
    {
        var errors = new List<string>();
        for (int i = 0; i < ExtraPhrases.Count; i++)
            if (string.IsNullOrWhiteSpace(ExtraPhrases[i]))
                errors.Add($"{prefix}.extra_phrases[{i}]: blank phrase, expected non-blank text (a blank phrase would mark every answer a refusal).");
        return errors;
    }
}
