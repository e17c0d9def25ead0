using System.Text.Json;
using Rait.Core;
using Rait.Methods.Options;

namespace Rait.Methods.Output;

/// <summary>manifest.json: what was built, from which inputs, with which options, and the counts.</summary>
public sealed record BuildManifest
{
    public string FormatVersion { get; init; } = "rait-set/1";
    public required string Method { get; init; }
    public required long Seed { get; init; }
    public required MethodOptions Options { get; init; }
    public required IReadOnlyList<InputFingerprint> Inputs { get; init; }
    public required IReadOnlyDictionary<string, int> Candidates { get; init; }
    public required BuildSummary Summary { get; init; }
    public required ExportOptions Export { get; init; }
    /// <summary>Rows in the framework exports (differs from summary.rows when duplicating by weight).</summary>
    public required int ExportedRows { get; init; }
    /// <summary>Files of the set, relative to its folder; manifest.json is written last.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Reads the manifest of the set in <paramref name="setDir"/>.</summary>
    /// <exception cref="RaitException">No manifest (the set is incomplete) or one that does not parse.</exception>
    public static BuildManifest Read(string setDir)
    {
        var path = Path.Combine(setDir, RaitSetWriter.ManifestFile);
        if (!File.Exists(path)) throw new RaitException($"{path}: missing; the set in {setDir} is incomplete (the manifest is written last). Build it again.");
        try
        {
            return JsonSerializer.Deserialize<BuildManifest>(File.ReadAllText(path), RaitSetWriter.ManifestJson)
                ?? throw new RaitException($"{path}: expected a build manifest object, got null.");
        }
        catch (JsonException e)
        {
            throw new RaitException($"{path}: not a valid build manifest at {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1}): {e.Message}");
        }
    }
}
