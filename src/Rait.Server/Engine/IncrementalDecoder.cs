namespace Rait.Server.Engine;

/// <summary>Decodes a growing token sequence piece by piece: each call returns only the text the new token completes.</summary>
/// <remarks>A piece is the difference of two decodes over a short window (the tokens of the previous piece plus the
/// pending ones), so SentencePiece leading spaces come out as in a full decode and each step costs O(window), not
/// O(length). A token that ends inside a multi-byte character (the decode ends in U+FFFD) gives "" and is held until the
/// character is complete. The same scheme as Hugging Face text-generation-inference's incremental detokenizer.</remarks>
internal sealed class IncrementalDecoder(Func<IReadOnlyList<int>, string> decode)
{
    private readonly List<int> _ids = [];
    private int _prefix;   // first token of the window (start of the previous piece)
    private int _read;     // first token not yet turned into text

    /// <summary>Appends a token; returns the text it completes ("" while a character or a piece is still open).</summary>
    public string Push(int tokenId)
    {
        _ids.Add(tokenId);
        var before = decode(_ids.GetRange(_prefix, _read - _prefix));
        var after = decode(_ids.GetRange(_prefix, _ids.Count - _prefix));
        if (after.Length <= before.Length || after.EndsWith('\uFFFD') || !after.StartsWith(before, StringComparison.Ordinal)) return "";
        _prefix = _read;
        _read = _ids.Count;
        return after[before.Length..];
    }
}
