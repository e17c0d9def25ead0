using System.Text;

namespace Rait.Model.Tokenization;

/// <summary>A tokenizer loaded from a Hugging Face <c>tokenizer.json</c>: BPE (byte-level or SentencePiece-style) or WordLevel.</summary>
/// <remarks>
/// Pipeline as in huggingface/tokenizers <c>TokenizerImpl::encode</c>: split out non-normalized added tokens on the raw
/// text; normalize each remaining span; split out normalized added tokens; pre-tokenize; run the model; post-process.
/// Built by <see cref="TokenizerLoader"/>. Thread-safe.
/// </remarks>
public sealed class HfTokenizer : ITokenizer
{
    private readonly TokenModel _model;
    private readonly TextNormalizer? _normalizer;
    private readonly PreTokenizerStage? _preTokenizer;
    private readonly TokenDecoder? _decoder;
    private readonly PostProcessor _post;
    private readonly AddedTokenSplitter _rawSplitter, _normalizedSplitter;
    private readonly Dictionary<int, AddedToken> _addedById;
    private readonly Dictionary<string, int> _addedByContent;
    private readonly string?[] _idToToken;
    private readonly bool _cleanUpSpaces;

    internal HfTokenizer(TokenModel model, TextNormalizer? normalizer, PreTokenizerStage? preTokenizer, TokenDecoder? decoder,
        PostProcessor post, IReadOnlyList<AddedToken> added, bool cleanUpSpaces)
    {
        _model = model;
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _decoder = decoder;
        _post = post;
        _cleanUpSpaces = cleanUpSpaces;
        _addedById = added.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.Last());
        _addedByContent = added.GroupBy(a => a.Content).ToDictionary(g => g.Key, g => g.Last().Id, StringComparer.Ordinal);
        _rawSplitter = new AddedTokenSplitter(added.Where(a => !a.Normalized), a => a.Content);
        _normalizedSplitter = new AddedTokenSplitter(added.Where(a => a.Normalized), a => normalizer?.Normalize(a.Content) ?? a.Content);

        int max = Math.Max(model.Vocab.Count == 0 ? -1 : model.Vocab.Values.Max(), added.Count == 0 ? -1 : added.Max(a => a.Id));
        _idToToken = new string?[max + 1];
        foreach (var (token, id) in model.Vocab) _idToToken[id] = token;
        foreach (var a in added) _idToToken[a.Id] = a.Content;
        UnkId = model.UnkId;
    }

    public int VocabSize => _idToToken.Length;
    public int? BosId { get; internal init; }
    public int? EosId { get; internal init; }
    public int? PadId { get; internal init; }
    public int? UnkId { get; internal init; }

    /// <summary>Contents of all added tokens (special and not), e.g. "&lt;|im_end|&gt;", "&lt;think&gt;".</summary>
    public IReadOnlyCollection<string> AddedTokens => _addedByContent.Keys;

    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        if (addSpecialTokens) ids.AddRange(_post.Prefix);
        var raw = new List<Segment>();
        _rawSplitter.Split(text, 0, raw);
        var sub = new List<Segment>();
        var pieces = new List<Piece>();
        foreach (var seg in raw)
        {
            if (seg.Text is null) { ids.Add(seg.Id); continue; }
            var normalized = _normalizer?.Normalize(seg.Text) ?? seg.Text;
            sub.Clear();
            _normalizedSplitter.Split(normalized, seg.Start, sub);
            foreach (var s in sub)
            {
                if (s.Text is null) { ids.Add(s.Id); continue; }
                var piece = new Piece(s.Text, s.Start == 0);
                if (_preTokenizer is null) { _model.Tokenize(piece.Text, ids); continue; }
                pieces.Clear();
                _preTokenizer.Split(piece, pieces);
                foreach (var p in pieces) _model.Tokenize(p.Text, ids);
            }
        }
        if (addSpecialTokens) ids.AddRange(_post.Suffix);
        return ids;
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        var tokens = new List<string>();
        foreach (var id in ids)
        {
            if (_addedById.TryGetValue(id, out var added))
            {
                if (!(skipSpecialTokens && added.Special)) tokens.Add(added.Content);
            }
            else if (id >= 0 && id < _idToToken.Length && _idToToken[id] is { } t) tokens.Add(t);
        }
        if (tokens.Count == 0) return "";
        var text = _decoder is null ? string.Join(" ", tokens) : string.Concat(_decoder.DecodeChain(tokens));
        return _cleanUpSpaces ? CleanUpSpaces(text) : text;
    }

    public string TokenString(int id) =>
        id >= 0 && id < _idToToken.Length && _idToToken[id] is { } t
            ? t : throw new ArgumentOutOfRangeException(nameof(id), id, $"token id outside the vocabulary (size {VocabSize})");

    public bool IsSpecial(int id) => _addedById.TryGetValue(id, out var a) && a.Special;

    public int? TokenToId(string token) =>
        _addedByContent.TryGetValue(token, out var a) ? a : _model.Vocab.TryGetValue(token, out var v) ? v : null;

    // transformers' clean_up_tokenization (only when tokenizer_config asks for it).
    private static string CleanUpSpaces(string s) => new StringBuilder(s)
        .Replace(" .", ".").Replace(" ?", "?").Replace(" !", "!").Replace(" ,", ",").Replace(" ' ", "'")
        .Replace(" n't", "n't").Replace(" 'm", "'m").Replace(" 's", "'s").Replace(" 've", "'ve").Replace(" 're", "'re")
        .ToString();
}
