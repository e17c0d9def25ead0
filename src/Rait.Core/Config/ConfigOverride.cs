using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Rait.Core.Config;

/// <summary>
/// Applies one <c>--set a.b=value</c> override to a config tree. The value is read according to the target
/// property's type, so <c>name=123</c> stays a string and <c>lr=abc</c> fails with "expected number".
/// </summary>
internal static class ConfigOverride
{
    public static void Apply(JsonObject tree, Type configType, string assignment, JsonSerializerOptions options)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new RaitException($"--set '{assignment}': expected key.path=value.");
        var keyPath = assignment[..eq].Trim();
        var text = assignment[(eq + 1)..];
        var segments = keyPath.Split('.');
        var info = options.GetTypeInfo(configType);
        var current = tree;
        var path = "";
        for (int i = 0; i < segments.Length; i++)
        {
            var problems = new List<string>();
            if (info.Kind != JsonTypeInfoKind.Object || ConfigContract.Resolve(info, current, path, problems) is not { } resolved)
                throw new RaitException($"--set {keyPath}: '{(path.Length == 0 ? "(root)" : path)}' is not a table{(problems.Count > 0 ? "; " + problems[0] : "")}.");
            var props = ConfigContract.PropertiesByName(resolved);
            var childPath = ConfigContract.Join(path, segments[i]);
            if (!props.TryGetValue(segments[i], out var prop))
                throw new RaitException($"--set {ConfigContract.UnknownKey(childPath, path, props.Keys)}");
            var childInfo = options.GetTypeInfo(prop.PropertyType);
            if (i == segments.Length - 1) { current[segments[i]] = Parse(text, prop.PropertyType, keyPath); return; }
            if (current[segments[i]] is not JsonObject next) { next = new JsonObject(); current[segments[i]] = next; }
            current = next;
            info = childInfo;
            path = childPath;
        }
    }

    private static JsonNode? Parse(string text, Type type, string keyPath)
    {
        var expected = ConfigContract.ExpectedKind(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var inv = CultureInfo.InvariantCulture;
        switch (expected)
        {
            case "string": return JsonValue.Create(text);
            case "boolean" when bool.TryParse(text, out var b): return JsonValue.Create(b);
            case "integer" when long.TryParse(text, NumberStyles.Integer, inv, out var l): return JsonValue.Create(l);
            case "number" when double.TryParse(text, NumberStyles.Float, inv, out var d): return JsonValue.Create(d);
            case not null when t.IsEnum && ConfigContract.EnumNames(t).Contains(text): return JsonValue.Create(text);
            case not null: throw new RaitException($"--set {keyPath}: expected {expected}, got \"{text}\".");
        }
        if (text == "null") return null;
        try { return JsonNode.Parse(text); }
        catch (JsonException) { throw new RaitException($"--set {keyPath}: expected a JSON value (array or table) for type {t.Name}, got \"{text}\"."); }
    }
}
