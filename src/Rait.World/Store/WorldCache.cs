using Rait.Core;
using Rait.World.Config;

namespace Rait.World.Store;

/// <summary>
/// Worlds keyed by config hash under a cache root, so the demo, the pipeline and tests reuse a generated
/// (and later pretrained) world instead of rebuilding it. Layout: &lt;root&gt;/&lt;config hash&gt;/.
/// </summary>
public sealed class WorldCache
{
    public WorldCache(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    /// <summary>
    /// The cache root: <paramref name="cacheDir"/> (--cache-dir) or RAIT_CACHE_DIR, each + "/worlds";
    /// else $XDG_CACHE_HOME/rait/worlds; else ~/.cache/rait/worlds.
    /// </summary>
    /// <param name="cacheDir">Explicit cache root from --cache-dir, or null.</param>
    /// <param name="environment">Environment lookup (the CLI passes Environment.GetEnvironmentVariable).</param>
    /// <exception cref="RaitException">No override and no home directory.</exception>
    public static string ResolveRoot(string? cacheDir, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(cacheDir)) return Path.Combine(cacheDir, "worlds");
        if (environment("RAIT_CACHE_DIR") is { Length: > 0 } rait) return Path.Combine(rait, "worlds");
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "rait", "worlds");
        var home = environment("HOME") ?? environment("USERPROFILE");
        if (string.IsNullOrEmpty(home))
            throw new RaitException("cache: no --cache-dir, RAIT_CACHE_DIR, XDG_CACHE_HOME or HOME is set; pass --cache-dir.");
        return Path.Combine(home, ".cache", "rait", "worlds");
    }

    /// <summary>The folder of the world with this config.</summary>
    public string DirectoryFor(WorldConfig config) => Path.Combine(Root, config.Hash());

    /// <summary>The cached world for <paramref name="config"/>, generating it on a miss or when the cached copy is damaged.</summary>
    public LoadedWorld GetOrCreate(WorldConfig config)
    {
        var dir = DirectoryFor(config);
        if (WorldStore.IsWorld(dir))
        {
            try { return WorldStore.Load(dir); }
            catch (RaitException) { return WorldStore.Save(WorldBuilder.Build(config), dir, overwrite: true); }
        }
        return WorldStore.Save(WorldBuilder.Build(config), dir);
    }
}
