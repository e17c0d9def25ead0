using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rait.Data.Reading;

/// <summary>Reads JSON Lines: one object per non-blank line; each bad line is reported with file:line.</summary>
public static class JsonlRowReader
{
    public static IEnumerable<SourceRow> Read(string file, byte[] bytes, BadRowPolicy policy)
    {
        int start = bytes.AsSpan().StartsWith(Utf8Text.Bom) ? Utf8Text.Bom.Length : 0;
        int lineNo = 0;
        while (start <= bytes.Length)
        {
            int nl = Array.IndexOf(bytes, (byte)'\n', start);
            int end = nl < 0 ? bytes.Length : nl;
            lineNo++;
            var row = ParseLine(file, lineNo, bytes.AsSpan(start, end - start).TrimEnd((byte)'\r'), policy);
            if (row is not null) yield return row;
            if (nl < 0) yield break;
            start = nl + 1;
        }
    }

    private static SourceRow? ParseLine(string file, int lineNo, ReadOnlySpan<byte> line, BadRowPolicy policy)
    {
        if (line.Trim(" \t"u8).IsEmpty) return null;
        var location = SourceRow.Locate(file, lineNo, isLine: true);
        var text = Utf8Text.TryDecodeLine(line, out var problem);
        if (text is null) { policy.Handle(new DataRowException(new SkippedRow(location, problem!))); return null; }
        try
        {
            if (JsonNode.Parse(text) is JsonObject obj) return new SourceRow(file, lineNo, true, obj);
            policy.Handle(new DataRowException(new SkippedRow(location, "expected a JSON object on the line")));
        }
        catch (JsonException e)
        {
            policy.Handle(new DataRowException(new SkippedRow(location, $"malformed JSON at column {e.BytePositionInLine + 1}: {Short(e.Message)}")));
        }
        return null;
    }

    internal static string Short(string message)
    {
        // System.Text.Json appends its own (0-based) position; ours is already in the location prefix.
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            int cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd();
    }
}
