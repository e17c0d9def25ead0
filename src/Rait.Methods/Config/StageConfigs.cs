using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Core;
using Rait.Core.Config;

namespace Rait.Methods.Config;

/// <summary>
/// Loads the build-stage configs: a file (TOML or JSON) or the defaults, then <c>--set</c> overrides,
/// then validation. The method chosen on the command line seeds <c>options.method</c>, so a file may
/// omit it, and a file written for another method is rejected before any key is checked.
/// </summary>
public static class StageConfigs
{
    /// <summary>Loads the <see cref="BuildConfig"/> for <paramref name="method"/>.</summary>
    /// <param name="method">One of <see cref="MethodNames.All"/>.</param>
    /// <param name="path">Config file, or null for the method's defaults.</param>
    /// <param name="overrides"><c>key.path=value</c> strings, applied after the file.</param>
    /// <exception cref="RaitException">Unknown method, method mismatch, unknown key, wrong type or invalid value.</exception>
    public static BuildConfig LoadBuild(string method, string? path, IEnumerable<string> overrides)
    {
        if (!MethodNames.IsKnown(method))
            throw new RaitException($"--method: expected one of {string.Join(", ", MethodNames.All)}, got '{method}'.");
        var tree = path is null ? new JsonObject() : ConfigLoader.ReadTree(path);
        var source = path is null ? $"--method {method}" : Path.GetFileName(path);
        switch (tree["options"])
        {
            case null:
                tree["options"] = new JsonObject { ["method"] = method };
                break;
            case JsonObject options when options["method"] is null:
                options["method"] = method;
                break;
            case JsonObject options when options["method"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                                         && v.GetValue<string>() != method:
                throw Mismatch(source, v.GetValue<string>(), method);
        }
        // The discriminator is not a settable key, so --set cannot switch the method after seeding.
        ConfigLoader.ApplyOverrides<BuildConfig>(tree, overrides);
        return ConfigLoader.Bind<BuildConfig>(tree, source);
    }

    /// <summary>Loads the <see cref="RehearsalConfig"/> from a file, or its defaults when <paramref name="path"/> is null.</summary>
    /// <exception cref="RaitException">Unknown key, wrong type or invalid value.</exception>
    public static RehearsalConfig LoadRehearsal(string? path, IEnumerable<string> overrides)
    {
        var tree = path is null ? new JsonObject() : ConfigLoader.ReadTree(path);
        ConfigLoader.ApplyOverrides<RehearsalConfig>(tree, overrides);
        return ConfigLoader.Bind<RehearsalConfig>(tree, path is null ? "rehearsal defaults" : Path.GetFileName(path));
    }

    private static RaitException Mismatch(string source, string inFile, string onCommandLine) =>
        new($"{source}: options.method is '{inFile}' but --method is '{onCommandLine}'. " +
            $"Pass --method {inFile}, or use a config written for {onCommandLine} (see configs/methods/{onCommandLine}.toml).");
}
