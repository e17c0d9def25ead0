using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rait.Core.Io;

/// <summary>Reads and writes JSON Lines with errors that name the file and line.</summary>
public static class Jsonl
{
    /// <summary>Options shared by every Rait JSON file: snake_case names, strict about unknown members.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        // Metrics can be undefined (an empty bucket); NaN round-trips as "NaN" instead of failing the write.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads every non-blank line of <paramref name="path"/> as a <typeparamref name="T"/>.</summary>
    /// <exception cref="RaitException">Missing file, invalid UTF-8, malformed JSON or a missing required field, with file:line.</exception>
    public static List<T> Read<T>(string path) => ReadLines<T>(path).ToList();

    /// <summary>Streams records; each error names the file and line number.</summary>
    public static IEnumerable<T> ReadLines<T>(string path)
    {
        foreach (var (lineNo, line) in Lines(path))
        {
            T? value;
            try { value = JsonSerializer.Deserialize<T>(line, Options); }
            catch (JsonException e) { throw new RaitException($"{path}:{lineNo}: {Describe(e)}"); }
            if (value is null) throw new RaitException($"{path}:{lineNo}: expected a JSON object, got null.");
            yield return value;
        }
    }

    /// <summary>Streams the non-blank lines with their 1-based numbers, for readers that shape rows before deserialising.</summary>
    /// <exception cref="RaitException">Missing file or invalid UTF-8, with file:line.</exception>
    public static IEnumerable<(int LineNo, string Line)> Lines(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found.");
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var reader = new StreamReader(path, utf8, detectEncodingFromByteOrderMarks: true);
        int lineNo = 0;
        while (true)
        {
            string? line;
            try { line = reader.ReadLine(); }
            catch (DecoderFallbackException) { throw new RaitException($"{path}:{lineNo + 1}: not valid UTF-8."); }
            if (line is null) yield break;
            lineNo++;
            if (!string.IsNullOrWhiteSpace(line)) yield return (lineNo, line);
        }
    }

    /// <summary>Writes all records atomically (temp file, then rename).</summary>
    public static void Write<T>(string path, IEnumerable<T> records) =>
        AtomicFile.Write(path, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true);
            foreach (var r in records) { w.Write(JsonSerializer.Serialize(r, Options)); w.Write('\n'); }
        });

    /// <summary>Appends records to a file and flushes; used by resumable stages (append per batch).</summary>
    public static void Append<T>(string path, IEnumerable<T> records)
    {
        using var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var w = new StreamWriter(fs, new UTF8Encoding(false));
        foreach (var r in records) { w.Write(JsonSerializer.Serialize(r, Options)); w.Write('\n'); }
        w.Flush();
        fs.Flush(flushToDisk: true);
    }

    /// <summary>Serialises one record on one line.</summary>
    public static string Serialize<T>(T record) => JsonSerializer.Serialize(record, Options);

    /// <summary>A deserialisation error without the serializer's internal path suffix, naming the field instead.</summary>
    public static string Describe(JsonException e)
    {
        var msg = e.Message;
        int cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
        var field = e.Path is { Length: > 1 } p ? $" (field {p.TrimStart('$', '.')})" : "";
        return (cut > 0 ? msg[..cut] : msg) + field;
    }
}
