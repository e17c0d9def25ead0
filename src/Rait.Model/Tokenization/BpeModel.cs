using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Rait.Model.Tokenization;

/// <summary>HF <c>BPE</c> model: per-character symbols (byte fallback, unk fusing), then merges by rank.</summary>
/// <remarks>
/// Our own merge loop rather than Microsoft.ML.Tokenizers' BpeTokenizer: that one has no ignore_merges, no byte
/// fallback and no merges whose tokens hold spaces, and it needs its own pre-tokenizer to see special tokens.
/// Mirrors huggingface/tokenizers <c>models/bpe/model.rs</c> (<c>merge_word</c>: lowest rank first, leftmost on ties).
/// </remarks>
internal sealed class BpeModel : TokenModel
{
    private const int CacheLimit = 200_000;
    private readonly Dictionary<long, (int Rank, int Id)> _merges;
    private readonly Dictionary<int, int> _runeIds = new();
    private readonly int?[] _byteIds = new int?[256];
    private readonly bool _byteFallback, _fuseUnk, _ignoreMerges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    private BpeModel(Dictionary<string, int> vocab, string? unk, Dictionary<long, (int, int)> merges,
        bool byteFallback, bool fuseUnk, bool ignoreMerges, string path, JsonSpec spec) : base(vocab, unk, path, spec)
    {
        _merges = merges;
        _byteFallback = byteFallback;
        _fuseUnk = fuseUnk;
        _ignoreMerges = ignoreMerges;
        foreach (var (token, id) in vocab)
        {
            if (Rune.DecodeFromUtf16(token, out var r, out var used) == System.Buffers.OperationStatus.Done && used == token.Length)
                _runeIds[r.Value] = id;
            if (token.Length == 6 && token.StartsWith("<0x") && token.EndsWith('>') &&
                byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
                _byteIds[b] = id;
        }
    }

    public static BpeModel Parse(JsonElement e, Dictionary<string, int> vocab, string? unk, string path, JsonSpec spec)
    {
        foreach (var field in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
            if (spec.OptionalString(e, field, path) is { Length: > 0 } s)
                throw spec.Error($"{path}.{field}", "null or empty (not supported)", $"\"{s}\"");
        if (JsonSpec.Member(e, "dropout") is { ValueKind: JsonValueKind.Number } d && d.GetDouble() > 0)
            throw spec.Error($"{path}.dropout", "null (BPE dropout is not supported)", d.GetRawText());
        var merges = ReadMerges(e, vocab, path, spec);
        return new BpeModel(vocab, unk, merges, spec.Bool(e, "byte_fallback", path, false),
            spec.Bool(e, "fuse_unk", path, false), spec.Bool(e, "ignore_merges", path, false), path, spec);
    }

    private static Dictionary<long, (int, int)> ReadMerges(JsonElement e, Dictionary<string, int> vocab, string path, JsonSpec spec)
    {
        var list = spec.Array(JsonSpec.Member(e, "merges"), $"{path}.merges");
        var merges = new Dictionary<long, (int, int)>(list.GetArrayLength());
        int rank = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"{path}.merges[{rank}]";
            string a, b;
            if (item.ValueKind == JsonValueKind.String)
            {
                // Legacy form "a b": exactly one space separates the two parts.
                var parts = item.GetString()!.Split(' ');
                if (parts.Length != 2) throw spec.Error(at, "\"left right\" with exactly one space", JsonSpec.Describe(item));
                (a, b) = (parts[0], parts[1]);
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2 &&
                     item[0].ValueKind == JsonValueKind.String && item[1].ValueKind == JsonValueKind.String)
                (a, b) = (item[0].GetString()!, item[1].GetString()!);
            else throw spec.Error(at, "\"left right\" or [\"left\", \"right\"]", JsonSpec.Describe(item));

            if (!vocab.TryGetValue(a, out var ia) || !vocab.TryGetValue(b, out var ib) || !vocab.TryGetValue(a + b, out var merged))
                throw spec.Error(at, "left, right and their concatenation in model.vocab", $"[\"{a}\", \"{b}\"]");
            merges.TryAdd(((long)ia << 32) | (uint)ib, (rank, merged));
            rank++;
        }
        return merges;
    }

    public override void Tokenize(string piece, List<int> output)
    {
        if (_cache.TryGetValue(piece, out var cached)) { output.AddRange(cached); return; }
        var ids = Compute(piece);
        if (_cache.Count >= CacheLimit) _cache.Clear();
        _cache.TryAdd(piece, ids);
        output.AddRange(ids);
    }

    private int[] Compute(string piece)
    {
        if (_ignoreMerges && Vocab.TryGetValue(piece, out var whole)) return [whole];
        var symbols = InitialSymbols(piece);
        while (symbols.Count > 1)
        {
            int bestPos = -1, bestRank = int.MaxValue, bestId = 0;
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (_merges.TryGetValue(((long)symbols[i] << 32) | (uint)symbols[i + 1], out var m) && m.Rank < bestRank)
                    (bestPos, bestRank, bestId) = (i, m.Rank, m.Id);
            }
            if (bestPos < 0) break;
            symbols[bestPos] = bestId;
            symbols.RemoveAt(bestPos + 1);
        }
        return [.. symbols];
    }

    private List<int> InitialSymbols(string piece)
    {
        var symbols = new List<int>(piece.Length);
        bool lastWasUnk = false;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in piece.EnumerateRunes())
        {
            if (_runeIds.TryGetValue(rune.Value, out var id)) { symbols.Add(id); lastWasUnk = false; continue; }
            int n = rune.EncodeToUtf8(utf8);
            if (_byteFallback && AllBytesKnown(utf8[..n]))
            {
                for (int i = 0; i < n; i++) symbols.Add(_byteIds[utf8[i]]!.Value);
                lastWasUnk = false;
                continue;
            }
            // Without an unk token HF drops the character.
            if (UnkId is not { } unk) continue;
            if (!(_fuseUnk && lastWasUnk)) symbols.Add(unk);
            lastWasUnk = true;
        }
        return symbols;
    }

    private bool AllBytesKnown(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) if (_byteIds[b] is null) return false;
        return true;
    }
}
