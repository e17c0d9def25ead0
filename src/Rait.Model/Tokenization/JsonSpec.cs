using System.Text.Json;
using Rait.Core;

namespace Rait.Model.Tokenization;

/// <summary>Typed reads from a tokenizer JSON file that fail with the file name and JSON path.</summary>
internal sealed class JsonSpec(string file)
{
    public string File { get; } = file;

    public RaitException Error(string path, string expected, string got) =>
        new($"{File}: {path}: expected {expected}, got {got}");

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => e.GetRawText(),
    };

    public JsonElement Object(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Object ? e : throw Error(path, "an object", Describe(e));

    public JsonElement Array(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Array ? e : throw Error(path, "an array", Describe(e));

    /// <summary>The member, or Undefined when absent or the parent is not an object.</summary>
    public static JsonElement Member(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : default;

    public static bool IsNull(JsonElement e) => e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public string String(JsonElement obj, string name, string path)
    {
        var v = Member(obj, name);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error($"{path}.{name}", "a string", Describe(v));
    }

    public string? OptionalString(JsonElement obj, string name, string path)
    {
        var v = Member(obj, name);
        if (IsNull(v)) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Error($"{path}.{name}", "a string or null", Describe(v));
    }

    public bool Bool(JsonElement obj, string name, string path, bool fallback)
    {
        var v = Member(obj, name);
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => fallback,
            _ => throw Error($"{path}.{name}", "true or false", Describe(v)),
        };
    }

    public int Int(JsonElement obj, string name, string path)
    {
        var v = Member(obj, name);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= 0
            ? i : throw Error($"{path}.{name}", "a non-negative integer", Describe(v));
    }

    /// <summary>The <c>type</c> tag of a component object.</summary>
    public string Type(JsonElement obj, string path) => String(Object(obj, path), "type", path);

    /// <summary>HF pattern objects: <c>{"String": s}</c> or <c>{"Regex": r}</c>; returns a regex either way.</summary>
    public System.Text.RegularExpressions.Regex Pattern(JsonElement obj, string name, string path)
    {
        var p = Object(Member(obj, name), $"{path}.{name}");
        const System.Text.RegularExpressions.RegexOptions opts =
            System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled;
        if (p.TryGetProperty("String", out var s) && s.ValueKind == JsonValueKind.String)
            return new(System.Text.RegularExpressions.Regex.Escape(s.GetString()!), opts);
        if (p.TryGetProperty("Regex", out var r) && r.ValueKind == JsonValueKind.String)
        {
            try { return new(r.GetString()!, opts); }
            catch (ArgumentException ex) { throw Error($"{path}.{name}.Regex", "a valid regular expression", ex.Message); }
        }
        throw Error($"{path}.{name}", "{\"String\": ...} or {\"Regex\": ...}", p.GetRawText());
    }
}
