using System.Text.Json;
using System.Text.Json.Nodes;
using Tomlyn;
using Tomlyn.Model;

namespace Rait.Core.Config;

/// <summary>Converts between Tomlyn's model and a JSON tree so both file formats share one binding path.</summary>
internal static class TomlJsonBridge
{
    public static JsonObject ToJson(TomlTable table)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in table) obj[key] = ToJsonValue(value);
        return obj;
    }

    private static JsonNode? ToJsonValue(object? value) => value switch
    {
        null => null,
        TomlTable t => ToJson(t),
        TomlTableArray ta => new JsonArray(ta.Select(t => (JsonNode?)ToJson(t)).ToArray()),
        TomlArray a => new JsonArray(a.Select(ToJsonValue).ToArray()),
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create((long)i),
        float f => JsonValue.Create((double)f),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        TomlDateTime dt => JsonValue.Create(dt.ToString()),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>Converts a JSON object to a TOML table; nulls are dropped (TOML has no null).</summary>
    public static TomlTable ToToml(JsonObject obj)
    {
        var table = new TomlTable();
        foreach (var (key, value) in obj)
            if (ToTomlValue(value) is { } v) table[key] = v;
        return table;
    }

    private static object? ToTomlValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToToml(o),
        JsonArray a when a.Count > 0 && a.All(x => x is JsonObject) => ToTableArray(a),
        JsonArray a => ToArray(a),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ConfigContract.TryGetInteger(v, out var l) ? (object)l : v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };

    private static TomlTableArray ToTableArray(JsonArray a)
    {
        var ta = new TomlTableArray();
        foreach (var x in a) ta.Add(ToToml((JsonObject)x!));
        return ta;
    }

    private static TomlArray ToArray(JsonArray a)
    {
        var arr = new TomlArray();
        foreach (var x in a) arr.Add(ToTomlValue(x));
        return arr;
    }
}
