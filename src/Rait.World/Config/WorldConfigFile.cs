using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;

namespace Rait.World.Config;

/// <summary>Reads a world config from JSON: the snake_case shape of world.json's "config"; unknown keys are errors.</summary>
public static class WorldConfigFile
{
    /// <exception cref="RaitException">A missing or unreadable file, malformed JSON, an unknown key or an invalid value.</exception>
    public static WorldConfig Load(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: world config not found.");
        WorldConfig? config;
        try { config = JsonSerializer.Deserialize<WorldConfig>(File.ReadAllText(path), Jsonl.Options); }
        catch (JsonException e)
        {
            throw new RaitException($"{path}:{(e.LineNumber ?? 0) + 1}: {e.Path}: expected a world config field ({e.Message.Split('.')[0]}).");
        }
        if (config is null) throw new RaitException($"{path}: expected a JSON object, got null.");
        return config.EnsureValid(path);
    }
}
