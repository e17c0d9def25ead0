using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>Typed access to a row's fields by dotted path; every failure names the row and the field.</summary>
public static class RowFields
{
    /// <summary>The node at a dotted path (<c>answer.value</c>), or null when any part is missing or null.</summary>
    public static JsonNode? Get(this SourceRow row, string path)
    {
        JsonNode? node = row.Fields;
        foreach (var part in path.Split('.'))
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        return node;
    }

    public static bool Has(this SourceRow row, string path) => row.Get(path) is not null;

    /// <summary>A non-empty string field.</summary>
    public static string RequireString(this SourceRow row, string path)
    {
        var node = row.Get(path) ?? throw Missing(row, path);
        var s = AsString(row, path, node);
        if (string.IsNullOrWhiteSpace(s)) throw row.FieldError(path, "is empty");
        return s;
    }

    /// <summary>A string field that may be absent or null.</summary>
    public static string? OptionalString(this SourceRow row, string path) =>
        row.Get(path) is { } node ? AsString(row, path, node) : null;

    /// <summary>An id: a string or an integer, rendered as text; falls back to "{file stem}-{row number}".</summary>
    public static string IdOrDefault(this SourceRow row, string? path)
    {
        var node = path is null ? null : row.Get(path);
        if (node is null) return $"{Path.GetFileNameWithoutExtension(row.File)}-{row.Number}";
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return v.ToJsonString();
        return row.RequireString(path!);
    }

    /// <summary>A list of strings; a single string counts as a one-element list when <paramref name="allowSingle"/>.</summary>
    public static List<string> StringList(this SourceRow row, string path, bool allowSingle = false)
    {
        var node = row.Get(path);
        if (node is null) return [];
        if (node is JsonValue && allowSingle) return [AsString(row, path, node)];
        if (node is not JsonArray arr) throw row.FieldError(path, $"expected a list of strings, got {Describe(node)}");
        var list = new List<string>(arr.Count);
        for (int i = 0; i < arr.Count; i++)
            list.Add(arr[i] is { } item ? AsString(row, $"{path}[{i}]", item) : throw row.FieldError($"{path}[{i}]", "expected a string, got null"));
        return list;
    }

    /// <summary>An integer field; CSV cells holding digits are accepted.</summary>
    public static long RequireInteger(this SourceRow row, string path)
    {
        var node = row.Get(path) ?? throw Missing(row, path);
        if (node is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l)) return l;
            if (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && d == Math.Floor(d)) return (long)d;
            if (v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)) return p;
        }
        throw row.FieldError(path, $"expected an integer, got {Describe(node)}");
    }

    /// <summary>A boolean field; CSV cells "true"/"false" are accepted.</summary>
    public static bool RequireBool(this SourceRow row, string path)
    {
        var node = row.Get(path) ?? throw Missing(row, path);
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        if (node is JsonValue s && s.GetValueKind() == JsonValueKind.String && bool.TryParse(s.GetValue<string>(), out var b)) return b;
        throw row.FieldError(path, $"expected true or false, got {Describe(node)}");
    }

    public static DataRowException Missing(SourceRow row, string path) =>
        row.FieldError(path, $"missing (the row has: {string.Join(", ", row.Fields.Select(kv => kv.Key))})");

    private static string AsString(SourceRow row, string path, JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
            : throw row.FieldError(path, $"expected a string, got {Describe(node)}");

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "a string",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => $"the number {v.ToJsonString()}",
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
