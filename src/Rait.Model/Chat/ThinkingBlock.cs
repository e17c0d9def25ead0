namespace Rait.Model.Chat;

/// <summary>Removes reasoning (<c>&lt;think&gt;…&lt;/think&gt;</c>) from generated text, leaving the answer.</summary>
public static class ThinkingBlock
{
    private const string Open = "<think>", Close = "</think>";

    /// <summary>The text after the last <c>&lt;/think&gt;</c> (leading whitespace trimmed). A <c>&lt;think&gt;</c> that is
    /// never closed means generation stopped inside the reasoning, so there is no answer: the text before it is kept
    /// (usually empty). Text without either tag is returned unchanged.</summary>
    public static string Strip(string text)
    {
        int close = text.LastIndexOf(Close, StringComparison.Ordinal);
        if (close >= 0) return text[(close + Close.Length)..].TrimStart();
        int open = text.IndexOf(Open, StringComparison.Ordinal);
        return open >= 0 ? text[..open].TrimEnd() : text;
    }
}
