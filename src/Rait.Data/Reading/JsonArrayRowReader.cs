using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Core;

namespace Rait.Data.Reading;

/// <summary>
/// Reads a JSON document holding records: a top-level array of objects, or an object with exactly one
/// array-of-objects member (SelfAware's <c>{"example": [...]}</c>). Rows are numbered from 1.
/// </summary>
public static class JsonArrayRowReader
{
    public static IEnumerable<SourceRow> Read(string file, byte[] bytes, BadRowPolicy policy)
    {
        var text = Utf8Text.Decode(file, bytes);
        JsonNode? root;
        try { root = JsonNode.Parse(text); }
        catch (JsonException e) { throw new RaitException($"{file}:{e.LineNumber + 1}: malformed JSON: {JsonlRowReader.Short(e.Message)}"); }
        var records = FindRecords(file, root);
        for (int i = 0; i < records.Count; i++)
        {
            if (records[i] is JsonObject obj) { yield return new SourceRow(file, i + 1, false, obj); continue; }
            policy.Handle(new DataRowException(new SkippedRow(SourceRow.Locate(file, i + 1, false), "expected a JSON object")));
        }
    }

    private static JsonArray FindRecords(string file, JsonNode? root)
    {
        if (root is JsonArray array) return array;
        if (root is not JsonObject obj) throw new RaitException($"{file}: expected a JSON array of records or an object holding one.");
        var candidates = obj.Where(kv => kv.Value is JsonArray a && a.Count > 0 && a.All(x => x is JsonObject)).ToList();
        if (candidates.Count == 1) return (JsonArray)candidates[0].Value!;
        var names = candidates.Count == 0 ? "none" : string.Join(", ", candidates.Select(c => c.Key));
        throw new RaitException($"{file}: expected a JSON array of records, or an object with exactly one array of records (found: {names}).");
    }
}
