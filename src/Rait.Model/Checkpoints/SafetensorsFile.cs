using System.Text;
using System.Text.Json;
using Rait.Core;
using static TorchSharp.torch;

namespace Rait.Model.Checkpoints;

/// <summary>One tensor entry of a safetensors header; offsets are relative to the data buffer.</summary>
public sealed record SafetensorsEntry(string Name, string Dtype, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// A safetensors file with a fully validated header (interop.md §1.1: contiguous offsets from 0,
/// sizes = numel × dtype size, no trailing bytes). Tensors are copied out, never mapped in place,
/// so unaligned third-party files read fine.
/// </summary>
public sealed class SafetensorsFile
{
    private const long MaxHeaderSize = 100_000_000;
    private readonly long _dataStart;

    private SafetensorsFile(string path, long dataStart, Dictionary<string, SafetensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Path = path;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    public string Path { get; }
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and validates the header.</summary>
    /// <exception cref="RaitException">Missing, truncated or corrupt file, naming the file and the bad field.</exception>
    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found.");
        using var fs = File.OpenRead(path);
        long fileLength = fs.Length;
        if (fileLength < 8) throw new RaitException($"{path}: truncated: {fileLength} bytes, a safetensors file starts with an 8-byte header length.");
        var lenBytes = new byte[8];
        fs.ReadExactly(lenBytes);
        long n = (long)BitConverter.ToUInt64(lenBytes);
        if (n <= 0 || n > MaxHeaderSize) throw new RaitException($"{path}: header length {n} is out of range (1..{MaxHeaderSize}); not a safetensors file.");
        if (8 + n > fileLength) throw new RaitException($"{path}: truncated: header says {n} bytes but the file has {fileLength - 8} after the length.");
        var header = new byte[n];
        fs.ReadExactly(header);
        var (entries, metadata) = ParseHeader(path, header);
        long dataLength = fileLength - 8 - n;
        long expectedEnd = 0;
        foreach (var e in entries.Values.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != expectedEnd)
                throw new RaitException($"{path}: tensor \"{e.Name}\": data_offsets begin {e.Begin}, expected {expectedEnd} (gap or overlap).");
            expectedEnd = e.End;
        }
        if (expectedEnd != dataLength)
            throw new RaitException(expectedEnd > dataLength
                ? $"{path}: truncated: tensors need {expectedEnd} data bytes, the file has {dataLength}."
                : $"{path}: {dataLength - expectedEnd} trailing bytes after the last tensor.");
        return new SafetensorsFile(path, 8 + n, entries, metadata);
    }

    private static (Dictionary<string, SafetensorsEntry>, Dictionary<string, string>) ParseHeader(string path, byte[] header)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header); }
        catch (JsonException e) { throw new RaitException($"{path}: header is not valid JSON: {e.Message}"); }
        using var _ = doc;
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new RaitException($"{path}: header must be a JSON object.");
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name == "__metadata__")
            {
                if (p.Value.ValueKind != JsonValueKind.Object) throw new RaitException($"{path}: __metadata__ must be an object of strings.");
                foreach (var m in p.Value.EnumerateObject())
                    metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : throw new RaitException($"{path}: __metadata__.{m.Name}: expected a string value.");
                continue;
            }
            if (entries.ContainsKey(p.Name)) throw new RaitException($"{path}: tensor \"{p.Name}\" appears twice in the header.");
            entries[p.Name] = ParseEntry(path, p);
        }
        return (entries, metadata);
    }

    private static SafetensorsEntry ParseEntry(string path, JsonProperty p)
    {
        string where = $"{path}: tensor \"{p.Name}\"";
        var v = p.Value;
        if (v.ValueKind != JsonValueKind.Object) throw new RaitException($"{where}: expected an object with dtype, shape, data_offsets.");
        if (!v.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String) throw new RaitException($"{where}: dtype: missing or not a string.");
        if (!v.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array) throw new RaitException($"{where}: shape: missing or not an array.");
        if (!v.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw new RaitException($"{where}: data_offsets: expected [begin, end].");
        string dtype = dt.GetString()!;
        int size = SafetensorsDtype.ByteSize(dtype) ?? throw new RaitException($"{where}: dtype \"{dtype}\" is not supported (sub-byte or unknown).");
        var shape = sh.EnumerateArray().Select(d => d.TryGetInt64(out var x) && x >= 0 ? x : throw new RaitException($"{where}: shape: dimensions must be non-negative integers.")).ToArray();
        if (!off[0].TryGetInt64(out long begin) || !off[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw new RaitException($"{where}: data_offsets: expected 0 <= begin <= end.");
        var e = new SafetensorsEntry(p.Name, dtype, shape, begin, end);
        if (e.ElementCount * size != end - begin)
            throw new RaitException($"{where}: {end - begin} bytes do not match shape [{string.Join(", ", shape)}] of {dtype} ({e.ElementCount * size} bytes).");
        return e;
    }

    /// <summary>Bytes moved per file call; keeps each span under the 2 GiB array limit and bounds
    /// the page-cache burst without making small tensors pay for more than one call.</summary>
    internal const int DefaultChunkBytes = 64 << 20;

    /// <summary>Reads one tensor and converts it to <paramref name="dtype"/> (null = keep the stored dtype).</summary>
    public Tensor Read(string name, ScalarType? dtype = null) => Read(name, dtype, DefaultChunkBytes);

    internal Tensor Read(string name, ScalarType? dtype, int chunkBytes)
    {
        if (!Entries.TryGetValue(name, out var e)) throw new RaitException($"{Path}: no tensor named \"{name}\".");
        var st = SafetensorsDtype.ToScalarType(e.Dtype) ?? throw new RaitException($"{Path}: tensor \"{name}\": dtype {e.Dtype} cannot be loaded.");
        using var scope = NewDisposeScope();
        var t = empty(e.Shape, st, device: CPU);
        if (e.End > e.Begin)
        {
            // Unbuffered: the chunks go straight from the OS into the tensor's own storage.
            using var fs = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            fs.Seek(_dataStart + e.Begin, SeekOrigin.Begin);
            ForEachChunk(t, chunkBytes, span =>
            {
                if (fs.ReadAtLeast(span, span.Length, throwOnEndOfStream: false) != span.Length)
                    throw new RaitException($"{Path}: tensor \"{name}\": file ended early (shrank after it was opened?).");
            });
        }
        var result = dtype is { } d && d != st ? t.to(d) : t;
        return result.MoveToOuterDisposeScope();
    }

    private delegate void SpanAction(Span<byte> span);

    /// <summary>Hands out the tensor's native memory as spans of at most <paramref name="chunkBytes"/>, since a
    /// tensor's byte count may exceed what one span can hold. The tensor must be contiguous and on the CPU.</summary>
    private static void ForEachChunk(Tensor contiguousCpu, int chunkBytes, SpanAction action)
    {
        long perChunk = Math.Max(1, chunkBytes / contiguousCpu.ElementSize);
        using var flat = contiguousCpu.view(-1);
        long n = flat.shape[0];
        for (long start = 0; start < n; start += perChunk)
        {
            using var scope = NewDisposeScope();
            action(flat.narrow(0, start, Math.Min(perChunk, n - start)).bytes);
        }
    }

    /// <summary>Writes tensors as a safetensors file the way the reference writer does: sorted by dtype
    /// alignment then name, header padded with spaces to a multiple of 8, format=pt metadata. Atomic.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        Write(path, tensors, metadata, DefaultChunkBytes);

    internal static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata, int chunkBytes)
    {
        var list = tensors.Select(kv => (Name: kv.Key, Tensor: kv.Value, Tag: SafetensorsDtype.FromScalarType(kv.Value.dtype)))
            .OrderByDescending(x => SafetensorsDtype.ByteSize(x.Tag)).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { ["format"] = "pt" };
        header["__metadata__"] = meta;
        long offset = 0;
        foreach (var x in list)
        {
            long size = x.Tensor.NumberOfElements * SafetensorsDtype.ByteSize(x.Tag)!.Value;
            header[x.Name] = new { dtype = x.Tag, shape = x.Tensor.shape, data_offsets = new[] { offset, offset + size } };
            offset += size;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        int padded = (json.Length + 7) / 8 * 8;
        Core.Io.AtomicFile.Write(path, s =>
        {
            s.Write(BitConverter.GetBytes((ulong)padded));
            s.Write(json);
            for (int i = json.Length; i < padded; i++) s.WriteByte((byte)' ');
            foreach (var x in list)
            {
                using var scope = NewDisposeScope();
                if (x.Tensor.NumberOfElements == 0) continue;
                var c = x.Tensor.detach().cpu().contiguous();
                ForEachChunk(c, chunkBytes, span => s.Write(span));
            }
        });
    }
}
