using System.Text;

namespace Rait.Probing.Tests;

/// <summary>
/// Writes a minimal ONNX model by hand (protobuf wire format): inputs input_ids [B, T] and
/// attention_mask [B, T] (int64), one Gather node looking the ids up in an embedding table, output
/// last_hidden_state [B, T, H] - the shape a sentence-transformers export produces before pooling.
/// </summary>
internal static class OnnxModelWriter
{
    public static byte[] GatherEmbedding(float[,] table)
    {
        int v = table.GetLength(0), h = table.GetLength(1);
        var data = new List<byte>();
        for (int i = 0; i < v; i++) for (int j = 0; j < h; j++) data.AddRange(BitConverter.GetBytes(table[i, j]));
        var initializer = Concat(Varint(1, v), Varint(1, h), Varint(2, 1 /* FLOAT */), Bytes(8, "emb"), Bytes(9, data.ToArray()));
        var node = Concat(Bytes(1, "emb"), Bytes(1, "input_ids"), Bytes(2, "last_hidden_state"), Bytes(3, "gather"), Bytes(4, "Gather"),
            Bytes(5, Concat(Bytes(1, "axis"), Varint(3, 0), Varint(20, 2 /* INT */))));
        var graph = Concat(Bytes(1, node), Bytes(2, "tiny"), Bytes(5, initializer),
            Bytes(11, ValueInfo("input_ids", 7 /* INT64 */, "batch", "tokens")),
            Bytes(11, ValueInfo("attention_mask", 7, "batch", "tokens")),
            Bytes(12, ValueInfo("last_hidden_state", 1, "batch", "tokens", h.ToString())));
        return Concat(Varint(1, 8 /* ir_version */), Bytes(2, "rait-test"), Bytes(7, graph), Bytes(8, Concat(Bytes(1, ""), Varint(2, 13))));
    }

    private static byte[] ValueInfo(string name, int elemType, params string[] dims)
    {
        var shape = Concat(dims.Select(d => Bytes(1, int.TryParse(d, out var n) ? Varint(1, n) : Bytes(2, d))).ToArray());
        var tensorType = Concat(Varint(1, elemType), Bytes(2, shape));
        return Concat(Bytes(1, name), Bytes(2, Bytes(1, tensorType)));
    }

    private static byte[] Varint(int field, long value) => Concat(Raw((ulong)(field << 3)), Raw((ulong)value));

    private static byte[] Bytes(int field, string s) => Bytes(field, Encoding.UTF8.GetBytes(s));

    private static byte[] Bytes(int field, byte[] payload) => Concat(Raw((ulong)((field << 3) | 2)), Raw((ulong)payload.Length), payload);

    private static byte[] Raw(ulong v)
    {
        var b = new List<byte>();
        do { byte x = (byte)(v & 0x7F); v >>= 7; b.Add(v != 0 ? (byte)(x | 0x80) : x); } while (v != 0);
        return b.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
