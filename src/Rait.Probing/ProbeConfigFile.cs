using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Tomlyn;
using Tomlyn.Model;

namespace Rait.Probing;

/// <summary>
/// Loads a <see cref="ProbeConfig"/> from TOML or JSON with snake_case keys; unknown keys and wrong
/// types are errors naming the file and key, and the loaded config is validated.
/// </summary>
/// <remarks>Stop-gap until the shared config loader lands: TOML is converted to JSON and bound by the
/// same strict serializer options as every Rait JSON file.</remarks>
public static class ProbeConfigFile
{
    /// <exception cref="RaitException">Missing file, syntax error, unknown key, wrong type or invalid values (all listed).</exception>
    public static ProbeConfig Load(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found.");
        var text = File.ReadAllText(path);
        string json;
        if (path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase))
        {
            TomlTable table;
            try { table = TomlSerializer.Deserialize<TomlTable>(text)!; }
            catch (TomlException e) { throw new RaitException($"{path}: not valid TOML ({e.Message})."); }
            json = JsonSerializer.Serialize<object>(table);
        }
        else json = text;
        ProbeConfig config;
        try { config = JsonSerializer.Deserialize<ProbeConfig>(json, Jsonl.Options) ?? throw new RaitException($"{path}: empty config."); }
        catch (JsonException e)
        {
            var key = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "(root)";
            var msg = e.Message;
            int cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
            throw new RaitException($"{path}: key {key}: {(cut > 0 ? msg[..cut] : msg)}");
        }
        var errors = config.Validate();
        if (errors.Count > 0) throw new RaitException($"{path}: " + string.Join(" ", errors));
        return config;
    }
}
