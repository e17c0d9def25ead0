namespace Rait.Data.Reading;

/// <summary>Tells the container layout from the extension, and from the content when the extension is ambiguous.</summary>
public static class ContainerDetector
{
    public static ContainerFormat Detect(string file, ReadOnlySpan<byte> bytes)
    {
        switch (Path.GetExtension(file).ToLowerInvariant())
        {
            case ".parquet": return ContainerFormat.Parquet;
            case ".csv": return ContainerFormat.Csv;
            case ".jsonl" or ".ndjson": return ContainerFormat.Jsonl;
        }
        if (bytes.StartsWith("PAR1"u8)) return ContainerFormat.Parquet;
        var text = bytes.StartsWith(Utf8Text.Bom) ? bytes[Utf8Text.Bom.Length..] : bytes;
        int first = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0) return ContainerFormat.Jsonl;
        if (text[first] == (byte)'[') return ContainerFormat.JsonArray;
        if (text[first] != (byte)'{') return ContainerFormat.Csv;
        // "{" starts both JSONL and a JSON object holding records: JSONL has a second line that opens another object.
        int nl = text[first..].IndexOf((byte)'\n');
        if (nl < 0) return ContainerFormat.JsonArray;
        var rest = text[(first + nl + 1)..];
        int next = rest.IndexOfAnyExcept(" \t\r\n"u8);
        bool firstLineClosed = text[first..(first + nl)].TrimEnd(" \t\r"u8).EndsWith("}"u8);
        return next >= 0 && rest[next] == (byte)'{' && firstLineClosed ? ContainerFormat.Jsonl : ContainerFormat.JsonArray;
    }
}
