using System.Collections;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Serialization;
using Rait.Core;

namespace Rait.Data.Reading;

/// <summary>
/// Reads a Parquet file into rows; nested structs and lists (HF's SQuAD <c>answers</c>, TriviaQA <c>answer</c>)
/// become JSON objects and arrays, so adapters see the same shape as in the JSON exports. Rows are numbered from 1.
/// </summary>
public static class ParquetRowReader
{
    public static IEnumerable<SourceRow> Read(string file, byte[] bytes, BadRowPolicy policy)
    {
        IList<Dictionary<string, object>> data;
        try
        {
            using var ms = new MemoryStream(bytes, writable: false);
            data = ParquetSerializer.DeserializeUntypedAsync(ms).GetAwaiter().GetResult().Data;
        }
        catch (Exception e) when (e is ParquetException or IOException or InvalidDataException or NotSupportedException or ApplicationException)
        {
            throw new RaitException($"{file}: not a readable Parquet file: {e.Message}");
        }
        for (int i = 0; i < data.Count; i++)
        {
            JsonObject? obj = null;
            try { obj = ToObject(data[i]); }
            catch (DataRowException e) { policy.Handle(new DataRowException(e.Row with { Location = SourceRow.Locate(file, i + 1, false) })); }
            if (obj is not null) yield return new SourceRow(file, i + 1, false, obj);
        }
    }

    private static JsonObject ToObject(IDictionary dict)
    {
        var obj = new JsonObject();
        foreach (DictionaryEntry e in dict) obj[(string)e.Key] = ToNode((string)e.Key, e.Value);
        return obj;
    }

    private static JsonNode? ToNode(string field, object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        ReadOnlyMemory<char> m => JsonValue.Create(m.ToString()),
        bool b => JsonValue.Create(b),
        int or long or short or sbyte or byte or ushort or uint => JsonValue.Create(Convert.ToInt64(value)),
        float or double or decimal => JsonValue.Create(Convert.ToDouble(value)),
        byte[] raw => JsonValue.Create(Utf8Text.TryDecodeLine(raw, out var problem)
                      ?? throw new DataRowException(new SkippedRow("", $"field '{field}': {problem}"))),
        IDictionary d => ToObject(d),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(x => ToNode(field, x)).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
