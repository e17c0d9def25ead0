using System.Text;
using Rait.Core;

namespace Rait.Model.Tokenization;

/// <summary>llama2.c's tokenizer file (<c>tokenizer.bin</c>, e.g. tok512): scored pieces, greedy best-score merges.</summary>
/// <remarks>
/// Mirrors llama2.c <c>run.c</c> <c>encode</c>/<c>decode</c>: optional BOS, a dummy-prefix " " when the text is non-empty,
/// code-point lookup with byte fallback (id = byte + 3), then repeatedly merge the adjacent pair whose concatenation has the
/// highest score (leftmost on ties). Special-token strings in the text are not split out (run.c does not either).
/// </remarks>
public sealed class Llama2cTokenizer : ITokenizer
{
    private const int ByteOffset = 3;
    private readonly string[] _pieces;
    private readonly float[] _scores;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    private Llama2cTokenizer(string[] pieces, float[] scores)
    {
        _pieces = pieces;
        _scores = scores;
        for (int i = 0; i < pieces.Length; i++) _ids.TryAdd(pieces[i], i);
    }

    public int VocabSize => _pieces.Length;
    public int? BosId => 1;
    public int? EosId => 2;
    public int? PadId => null;
    public int? UnkId => 0;

    /// <summary>Reads the file; the entry count is not stored, so it is <paramref name="vocabSize"/> (512 for tok512)
    /// and the file must be consumed exactly.</summary>
    /// <exception cref="RaitException">Missing, truncated or longer-than-expected file.</exception>
    public static Llama2cTokenizer Load(string path, int vocabSize = 512)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found (llama2.c tokenizer)");
        var bytes = File.ReadAllBytes(path);
        var pieces = new string[vocabSize];
        var scores = new float[vocabSize];
        int pos = 4;
        for (int i = 0; i < vocabSize; i++)
        {
            if (pos + 8 > bytes.Length) throw Truncated(path, i);
            scores[i] = BitConverter.ToSingle(bytes, pos);
            int len = BitConverter.ToInt32(bytes, pos + 4);
            pos += 8;
            if (len < 0 || pos + len > bytes.Length) throw Truncated(path, i);
            pieces[i] = Encoding.UTF8.GetString(bytes, pos, len);
            pos += len;
        }
        if (pos != bytes.Length)
            throw new RaitException($"{path}: {bytes.Length - pos} bytes left after {vocabSize} entries; expected exactly {vocabSize} entries (wrong vocab size?)");
        return new Llama2cTokenizer(pieces, scores);
    }

    private static RaitException Truncated(string path, int entry) =>
        new($"{path}: truncated at entry {entry}: expected float32 score, int32 length and that many bytes");

    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<int>(text.Length + 2);
        if (addSpecialTokens) tokens.Add(1);
        if (text.Length == 0) return tokens;
        int start = tokens.Count;
        tokens.Add(_ids[" "]);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (_ids.TryGetValue(rune.ToString(), out var id)) { tokens.Add(id); continue; }
            int n = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < n; i++) tokens.Add(utf8[i] + ByteOffset);
        }
        MergeBest(tokens, start);
        return tokens;
    }

    private void MergeBest(List<int> tokens, int start)
    {
        while (true)
        {
            float best = float.NegativeInfinity;
            int bestId = -1, bestPos = -1;
            for (int i = start; i + 1 < tokens.Count; i++)
            {
                if (_ids.TryGetValue(_pieces[tokens[i]] + _pieces[tokens[i + 1]], out var id) && _scores[id] > best)
                    (best, bestId, bestPos) = (_scores[id], id, i);
            }
            if (bestPos < 0) return;
            tokens[bestPos] = bestId;
            tokens.RemoveAt(bestPos + 1);
        }
    }

    /// <summary>run.c's decode: one leading space is dropped after BOS, <c>&lt;0xXX&gt;</c> becomes the raw byte.</summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        var bytes = new List<byte>();
        int prev = -1;
        foreach (var id in ids)
        {
            if (id < 0 || id >= _pieces.Length) continue;
            if (!(skipSpecialTokens && IsSpecial(id)))
            {
                var piece = _pieces[id];
                if (prev == 1 && piece.StartsWith(' ')) piece = piece[1..];
                if (piece.Length == 6 && piece.StartsWith("<0x") && piece.EndsWith('>') &&
                    byte.TryParse(piece.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
                    bytes.Add(b);
                else bytes.AddRange(Encoding.UTF8.GetBytes(piece));
            }
            prev = id;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public string TokenString(int id) => id >= 0 && id < _pieces.Length
        ? _pieces[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"token id outside the vocabulary (size {VocabSize})");

    public bool IsSpecial(int id) => id is 0 or 1 or 2;

    public int? TokenToId(string token) => _ids.TryGetValue(token, out var id) ? id : null;
}
