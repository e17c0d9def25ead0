using System.Text;
using System.Text.RegularExpressions;
using Rait.World.Corpus;

namespace Rait.World.Tokenization;

/// <summary>
/// Tokenizes text exactly as the world's tokenizer.json describes, without a tokenizer library:
/// special tokens split out first, then HF <c>Split</c> (pattern <see cref="SplitPattern"/>, Isolated),
/// then HF <c>Metaspace</c> (replacement ▁, prepend_scheme always, split), then word-level lookup.
/// Used to build the vocabulary, count tokens and check coverage.
/// </summary>
public static partial class WorldTokenizerText
{
    public const char Metaspace = '\u2581';

    /// <summary>Isolates every character that is neither a letter, a digit, whitespace nor an apostrophe,
    /// isolates line breaks and tabs, and isolates apostrophes that are not inside a word
    /// (so "don't" stays one word while the quotes in "'I don't know'" are split off).</summary>
    public const string SplitPattern = @"[^\p{L}\p{N}\s']|[\r\n\t]|(?<![\p{L}\p{N}])'|'(?![\p{L}\p{N}])";

    /// <summary>Special tokens in id order; they are matched in raw text before pre-tokenization.</summary>
    public static readonly IReadOnlyList<string> SpecialTokens =
        [WorldChatFormat.Unknown, WorldChatFormat.EndOfText, WorldChatFormat.ImStart, WorldChatFormat.ImEnd];

    [GeneratedRegex(SplitPattern, RegexOptions.CultureInvariant)]
    private static partial Regex SplitRegex();

    /// <summary>The token strings of <paramref name="text"/> (words carry the leading ▁).</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int pos = 0;
        while (pos < text.Length)
        {
            var (at, special) = NextSpecial(text, pos);
            PreTokenize(text[pos..at], tokens);
            if (special is null) break;
            tokens.Add(special);
            pos = at + special.Length;
        }
        return tokens;
    }

    /// <summary>Number of tokens of <paramref name="text"/>.</summary>
    public static int Count(string text) => Tokenize(text).Count;

    /// <summary>Tokens of <paramref name="text"/> that a vocabulary lacks (each reported once).</summary>
    public static IReadOnlyList<string> Missing(string text, IReadOnlySet<string> vocabulary) =>
        Tokenize(text).Where(t => !vocabulary.Contains(t)).Distinct(StringComparer.Ordinal).ToList();

    private static (int At, string? Special) NextSpecial(string text, int from)
    {
        int best = text.Length;
        string? found = null;
        foreach (var s in SpecialTokens)
        {
            int i = text.IndexOf(s, from, StringComparison.Ordinal);
            if (i >= 0 && i < best) { best = i; found = s; }
        }
        return (best, found);
    }

    private static void PreTokenize(string segment, List<string> tokens)
    {
        int last = 0;
        foreach (Match m in SplitRegex().Matches(segment))
        {
            if (m.Index > last) MetaspaceSplit(segment[last..m.Index], tokens);
            MetaspaceSplit(m.Value, tokens);
            last = m.Index + m.Length;
        }
        if (last < segment.Length) MetaspaceSplit(segment[last..], tokens);
    }

    // HF Metaspace: spaces become ▁, ▁ is prepended when missing, then split before every ▁.
    private static void MetaspaceSplit(string piece, List<string> tokens)
    {
        var s = piece.Replace(' ', Metaspace);
        if (s[0] != Metaspace) s = Metaspace + s;
        var current = new StringBuilder();
        foreach (var c in s)
        {
            if (c == Metaspace && current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
            current.Append(c);
        }
        tokens.Add(current.ToString());
    }
}
