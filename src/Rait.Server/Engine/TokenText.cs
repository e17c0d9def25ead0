using Rait.Model.Tokenization;

namespace Rait.Server.Engine;

/// <summary>Token text in context: decoding one id alone drops the leading space of SentencePiece tokens and splits
/// multi-byte characters, so pieces are taken as the difference of two decodes.</summary>
internal static class TokenText
{
    // Enough preceding tokens for a decoder to know a piece is mid-text (and to finish a UTF-8 character).
    private const int Window = 4;

    /// <summary>Pieces that concatenate to <c>Decode(ids)</c>; a token ending inside a multi-byte character gets ""
    /// and the character goes with the token that completes it.</summary>
    public static IReadOnlyList<string> Pieces(ITokenizer tokenizer, IReadOnlyList<int> ids)
    {
        var decoder = new IncrementalDecoder(x => tokenizer.Decode(x));
        var pieces = ids.Select(decoder.Push).ToArray();
        var emitted = string.Concat(pieces);
        var full = tokenizer.Decode(ids);
        if (ids.Count > 0 && full.StartsWith(emitted, StringComparison.Ordinal)) pieces[^1] += full[emitted.Length..];
        return pieces;
    }

    /// <summary>Text of <paramref name="id"/> placed after <c>context[..position]</c>, special tokens shown literally.</summary>
    public static string InContext(ITokenizer tokenizer, IReadOnlyList<int> context, int position, int id)
    {
        int start = Math.Max(0, position - Window);
        var prefix = context.Skip(start).Take(position - start).ToList();
        var before = tokenizer.Decode(prefix, skipSpecialTokens: false);
        prefix.Add(id);
        var after = tokenizer.Decode(prefix, skipSpecialTokens: false);
        return after.StartsWith(before, StringComparison.Ordinal) ? after[before.Length..] : tokenizer.Decode([id], skipSpecialTokens: false);
    }
}
