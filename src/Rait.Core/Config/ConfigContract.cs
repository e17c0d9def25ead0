using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Rait.Core.Config;

/// <summary>Helpers over a record's System.Text.Json contract: property names, polymorphism, expected kinds.</summary>
internal static class ConfigContract
{
    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static Dictionary<string, JsonPropertyInfo> PropertiesByName(JsonTypeInfo info) =>
        // [JsonIgnore] members stay in the contract without accessors; they are not config keys.
        info.Properties.Where(p => p.Get is not null || p.Set is not null).ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static string? Discriminator(JsonTypeInfo info) => info.PolymorphismOptions?.TypeDiscriminatorPropertyName;

    public static string UnknownKey(string keyPath, string parentPath, IEnumerable<string> allowed) =>
        $"{keyPath}: unknown key; allowed keys{(parentPath.Length == 0 ? "" : $" under '{parentPath}'")}: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}";

    /// <summary>
    /// For a polymorphic base (a closed method hierarchy), picks the derived contract named by the discriminator key;
    /// otherwise returns <paramref name="info"/>. Returns null after recording a problem.
    /// </summary>
    public static JsonTypeInfo? Resolve(JsonTypeInfo info, JsonObject obj, string path, List<string> problems)
    {
        var poly = info.PolymorphismOptions;
        if (poly is null || poly.DerivedTypes.Count == 0) return info;
        var key = poly.TypeDiscriminatorPropertyName;
        var names = poly.DerivedTypes.Select(d => d.TypeDiscriminator?.ToString() ?? "").ToList();
        var value = obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var match = poly.DerivedTypes.FirstOrDefault(d => d.TypeDiscriminator?.ToString() == value);
        if (value is null || match.DerivedType is null)
        {
            problems.Add($"{Join(path, key)}: expected one of {string.Join(", ", names)}, got {(obj[key] is { } n ? ConfigSchemaCheck.Describe(n) : "nothing")}");
            return null;
        }
        return info.Options.GetTypeInfo(match.DerivedType);
    }

    /// <summary>The kind a scalar property expects ("string", "integer", ...), or null when the serializer should decide.</summary>
    public static string? ExpectedKind(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return "string";
        if (t == typeof(bool)) return "boolean";
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong)) return "integer";
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return "number";
        if (t.IsEnum) return $"one of {string.Join(", ", EnumNames(t))}";
        return null;
    }

    /// <summary>Reads an integral JSON number whatever CLR type backs the node (Tomlyn, parser or serializer).</summary>
    public static bool TryGetInteger(JsonValue v, out long value)
    {
        if (v.TryGetValue(out value)) return true;
        if (v.TryGetValue<int>(out var i)) { value = i; return true; }
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value)) return true;
        value = 0;
        return false;
    }

    public static IReadOnlyList<string> EnumNames(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return Enum.GetNames(t).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToList();
    }
}
