using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Rait.Core.Io;
using Tomlyn;
using Tomlyn.Model;

namespace Rait.Core.Config;

/// <summary>
/// Loads a typed stage config from TOML or JSON, applies <c>--set key.path=value</c> overrides, rejects unknown
/// keys and wrong types by key path, and runs <see cref="IValidatable.Validate"/>.
/// </summary>
/// <remarks>
/// Both formats go through one path: TOML is parsed by Tomlyn into a model, converted to a JSON tree, checked
/// against the record's System.Text.Json contract, then deserialised with strict snake_case options.
/// </remarks>
public static class ConfigLoader
{
    /// <summary>Strict options: snake_case, unknown members rejected, nullability respected.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        AllowOutOfOrderMetadataProperties = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Loads, overrides, checks and validates a config file.</summary>
    /// <param name="path">A .toml or .json file.</param>
    /// <param name="overrides">Strings of the form <c>a.b=value</c>, applied in order after the file is read.</param>
    /// <exception cref="RaitException">Unreadable file, syntax error, unknown key, wrong type or failed validation; all problems are listed with the file name.</exception>
    public static T Load<T>(string path, IEnumerable<string>? overrides = null) where T : IValidatable
    {
        var tree = ReadTree(path);
        ApplyOverrides<T>(tree, overrides ?? []);
        return Bind<T>(tree, Path.GetFileName(path));
    }

    /// <summary>The defaults of <typeparamref name="T"/> with <c>a.b=value</c> overrides applied: --set without a --config file.</summary>
    /// <exception cref="RaitException">Unknown key path, a value of the wrong type or failed validation.</exception>
    public static T FromOverrides<T>(IEnumerable<string> overrides) where T : IValidatable
    {
        var tree = new JsonObject();
        ApplyOverrides<T>(tree, overrides);
        return Bind<T>(tree, "--set");
    }

    /// <summary>Applies <c>a.b=value</c> overrides in order to a tree (for stages that seed a tree before binding).</summary>
    /// <exception cref="RaitException">Unknown key path or a value of the wrong type.</exception>
    public static void ApplyOverrides<T>(JsonObject tree, IEnumerable<string> overrides)
    {
        foreach (var o in overrides)
            ConfigOverride.Apply(tree, typeof(T), o, Options);
    }

    /// <summary>Binds an already-parsed tree (used by Load and by tests) and validates the result.</summary>
    public static T Bind<T>(JsonObject tree, string sourceName) where T : IValidatable
    {
        var problems = new List<string>();
        ConfigSchemaCheck.Check(tree, Options.GetTypeInfo(typeof(T)), "", problems);
        if (problems.Count > 0) throw Failure(sourceName, problems);
        T? config;
        try { config = tree.Deserialize<T>(Options); }
        catch (JsonException e)
        {
            var key = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "(root)";
            throw Failure(sourceName, [$"{key}: {FirstSentence(e.Message)}"]);
        }
        if (config is null) throw Failure(sourceName, ["(root): expected a table of settings"]);
        var errors = config.Validate();
        if (errors.Count > 0) throw Failure(sourceName, errors);
        return config;
    }

    /// <summary>Writes the resolved config as TOML (.toml) or JSON (any other extension), atomically.</summary>
    public static void SaveResolved<T>(T config, string path)
    {
        var node = JsonSerializer.SerializeToNode(config, Options) as JsonObject
            ?? throw new RaitException($"{path}: config of type {typeof(T).Name} does not serialise to a table.");
        var text = IsToml(path) ? TomlSerializer.Serialize(TomlJsonBridge.ToToml(node)) : node.ToJsonString(Options) + "\n";
        AtomicFile.WriteAllText(path, text);
    }

    /// <summary>Reads a .toml or .json file into a JSON tree, with syntax errors naming the file and position.</summary>
    public static JsonObject ReadTree(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: config file not found.");
        string text;
        try { text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true)); }
        catch (DecoderFallbackException) { throw new RaitException($"{path}: not valid UTF-8."); }
        if (IsToml(path))
        {
            TomlTable table;
            try { table = TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable(); }
            catch (TomlException e) { throw new RaitException($"{path}: TOML syntax error: {e.Message}"); }
            return TomlJsonBridge.ToJson(table);
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new RaitException($"{path}: expected a JSON object at the top level.");
        }
        catch (JsonException e) { throw new RaitException($"{path}: JSON syntax error at line {e.LineNumber + 1}: {FirstSentence(e.Message)}"); }
    }

    private static bool IsToml(string path) => Path.GetExtension(path).Equals(".toml", StringComparison.OrdinalIgnoreCase);

    private static RaitException Failure(string source, IReadOnlyList<string> problems) =>
        new(problems.Count == 1
            ? $"{source}: {problems[0]}"
            : $"{source}: {problems.Count} problems:\n" + string.Join("\n", problems.Select(p => "  - " + p)));

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
