using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Core;

namespace Rait.Data.Reading;

/// <summary>
/// Reads a JSON document holding records: a top-level array of objects, or an object holding one array of
/// objects, directly (SelfAware's <c>{"example": [...]}</c>) or in nested objects. Rows are numbered from 1.
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

    /// <summary>
    /// The records: the root array, or the one array of objects found at the shallowest depth of nested objects
    /// (<c>{"data": {"questions": [...]}}</c>); several at that depth are ambiguous and named.
    /// </summary>
    private static JsonArray FindRecords(string file, JsonNode? root)
    {
        if (root is JsonArray array) return array;
        if (root is not JsonObject obj) throw new RaitException($"{file}: expected a JSON array of records or an object holding one.");
        var level = new List<(string Path, JsonObject Node)> { ("", obj) };
        while (level.Count > 0)
        {
            var members = level.SelectMany(o => o.Node.Select(kv => (Path: o.Path.Length == 0 ? kv.Key : $"{o.Path}.{kv.Key}", kv.Value))).ToList();
            var candidates = members.Where(m => m.Value is JsonArray a && a.Count > 0 && a.All(x => x is JsonObject)).ToList();
            if (candidates.Count == 1) return (JsonArray)candidates[0].Value!;
            if (candidates.Count > 1)
                throw new RaitException($"{file}: expected one array of records, found several at the same depth: {string.Join(", ", candidates.Select(c => c.Path))}.");
            level = members.Where(m => m.Value is JsonObject).Select(m => (m.Path, (JsonObject)m.Value!)).ToList();
        }
        throw new RaitException($"{file}: expected a JSON array of records, or an object holding one (found none).");
    }
}
