using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Rait.Core.Config;

/// <summary>
/// Walks a config tree against the record's serialisation contract before binding, so that every unknown key
/// and wrong type is reported at once with its key path (System.Text.Json alone stops at the first one).
/// </summary>
internal static class ConfigSchemaCheck
{
    public static void Check(JsonNode? node, JsonTypeInfo info, string path, List<string> problems)
    {
        if (node is null) return; // null vs non-nullable is left to the serializer's nullability check
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (node is not JsonObject obj) { problems.Add($"{Show(path)}: expected a table, got {Describe(node)}"); return; }
                var resolved = ConfigContract.Resolve(info, obj, path, problems);
                if (resolved is null) return;
                var props = ConfigContract.PropertiesByName(resolved);
                foreach (var (key, child) in obj)
                {
                    var childPath = ConfigContract.Join(path, key);
                    if (key == ConfigContract.Discriminator(info)) continue;
                    if (!props.TryGetValue(key, out var prop)) { problems.Add(ConfigContract.UnknownKey(childPath, path, props.Keys)); continue; }
                    Check(child, resolved.Options.GetTypeInfo(prop.PropertyType), childPath, problems);
                }
                return;
            case JsonTypeInfoKind.Enumerable:
                if (node is not JsonArray arr) { problems.Add($"{Show(path)}: expected an array, got {Describe(node)}"); return; }
                var element = info.Options.GetTypeInfo(info.ElementType!);
                for (int i = 0; i < arr.Count; i++) Check(arr[i], element, $"{path}[{i}]", problems);
                return;
            case JsonTypeInfoKind.Dictionary:
                if (node is not JsonObject dict) { problems.Add($"{Show(path)}: expected a table, got {Describe(node)}"); return; }
                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                foreach (var (key, child) in dict) Check(child, valueInfo, ConfigContract.Join(path, key), problems);
                return;
            default:
                CheckScalar(node, info.Type, path, problems);
                return;
        }
    }

    private static void CheckScalar(JsonNode node, Type type, string path, List<string> problems)
    {
        var expected = ConfigContract.ExpectedKind(type);
        if (expected is null) return;
        bool ok = node is JsonValue v && expected switch
        {
            "string" => v.GetValueKind() == JsonValueKind.String,
            "boolean" => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "integer" => v.GetValueKind() == JsonValueKind.Number && ConfigContract.TryGetInteger(v, out _),
            "number" => v.GetValueKind() == JsonValueKind.Number,
            _ => IsEnumName(v, type),
        };
        if (!ok) problems.Add($"{Show(path)}: expected {expected}, got {Describe(node)}");
    }

    private static bool IsEnumName(JsonValue v, Type type) =>
        v.GetValueKind() == JsonValueKind.String && ConfigContract.EnumNames(type).Contains(v.GetValue<string>());

    private static string Show(string path) => path.Length == 0 ? "(root)" : path;

    /// <summary>Short description of a value for error messages: its kind and, for scalars, its text.</summary>
    public static string Describe(JsonNode node) => node switch
    {
        JsonObject => "a table",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"string \"{v.GetValue<string>()}\"",
            JsonValueKind.Number => $"number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"boolean {v.ToJsonString()}",
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
