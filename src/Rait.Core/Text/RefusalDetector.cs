namespace Rait.Core.Text;

/// <summary>
/// Decides whether a response is a refusal: its lower-cased text contains "i don't know" (ASCII
/// apostrophe) or one of the configured extra phrases.
/// </summary>
/// <remarks>
/// CRaFT §1.2 (OpenCompass <c>check_is_refuse</c>, lang "en"). The check is a plain substring test that
/// runs before answer parsing, so "I don't know, maybe B" is a refusal. By default a curly apostrophe
/// ("I don’t know") is NOT detected, exactly as in the original; set
/// <see cref="RefusalOptions.NormalizeApostrophes"/> to detect it.
/// </remarks>
public sealed class RefusalDetector
{
    /// <summary>The canonical refusal phrase, lower-case with an ASCII apostrophe.</summary>
    public const string CanonicalPhrase = "i don't know";

    private const string TypographicApostrophes = "\u2019\u2018\u02BC\u00B4`";
    private readonly string[] _phrases;
    private readonly bool _normalizeApostrophes;

    /// <exception cref="RaitException">The options are invalid.</exception>
    public RefusalDetector(RefusalOptions? options = null)
    {
        options ??= new RefusalOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new RaitException("invalid refusal options: " + string.Join(" ", errors));
        _normalizeApostrophes = options.NormalizeApostrophes;
        _phrases = [CanonicalPhrase, .. options.ExtraPhrases.Select(Prepare)];
    }

    /// <summary>True if <paramref name="response"/> is a refusal.</summary>
    public bool IsRefusal(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = Prepare(response);
        foreach (var phrase in _phrases)
            if (text.Contains(phrase, StringComparison.Ordinal)) return true;
        return false;
    }

    private string Prepare(string text)
    {
        var lower = text.ToLowerInvariant();
        if (!_normalizeApostrophes) return lower;
        foreach (var ch in TypographicApostrophes) lower = lower.Replace(ch, '\'');
        return lower;
    }
}
