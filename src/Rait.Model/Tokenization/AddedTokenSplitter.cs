using System.Text;
using System.Text.RegularExpressions;

namespace Rait.Model.Tokenization;

/// <summary>A span of text between added tokens, or one added token.</summary>
internal readonly record struct Segment(string? Text, int Id, int Start);

/// <summary>Finds added tokens in text, leftmost-longest as HF's Aho-Corasick trie does.</summary>
internal sealed class AddedTokenSplitter
{
    private readonly Regex? _regex;
    private readonly int[] _groupIds;

    /// <param name="tokens">Tokens to find.</param>
    /// <param name="patternOf">The text to match for a token (its content, or its normalized content).</param>
    public AddedTokenSplitter(IEnumerable<AddedToken> tokens, Func<AddedToken, string> patternOf)
    {
        var list = tokens.Select(t => (Token: t, Pattern: patternOf(t)))
            .Where(x => x.Pattern.Length > 0)
            .OrderByDescending(x => x.Pattern.Length).ThenBy(x => x.Token.Id).ToList();
        _groupIds = list.Select(x => x.Token.Id).ToArray();
        if (list.Count == 0) return;
        // Longest first + leftmost-first alternation = leftmost-longest.
        var sb = new StringBuilder();
        for (int i = 0; i < list.Count; i++)
        {
            var (t, p) = list[i];
            if (i > 0) sb.Append('|');
            sb.Append('(');
            if (t.SingleWord) sb.Append(@"(?<![\p{L}\p{N}_])");
            if (t.Lstrip) sb.Append(@"\s*");
            sb.Append(Regex.Escape(p));
            if (t.Rstrip) sb.Append(@"\s*");
            if (t.SingleWord) sb.Append(@"(?![\p{L}\p{N}_])");
            sb.Append(')');
        }
        _regex = new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public void Split(string text, int baseOffset, List<Segment> output)
    {
        int prev = 0;
        if (_regex is not null)
        {
            for (var m = _regex.Match(text); m.Success; m = m.NextMatch())
            {
                if (m.Index > prev) output.Add(new Segment(text[prev..m.Index], -1, baseOffset + prev));
                output.Add(new Segment(null, _groupIds[GroupIndex(m)], baseOffset + m.Index));
                prev = m.Index + m.Length;
            }
        }
        if (prev < text.Length) output.Add(new Segment(text[prev..], -1, baseOffset + prev));
    }

    private static int GroupIndex(Match m)
    {
        for (int g = 1; g < m.Groups.Count; g++) if (m.Groups[g].Success) return g - 1;
        throw new InvalidOperationException("a match without a successful group");
    }
}
