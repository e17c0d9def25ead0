namespace Rait.World.Store;

/// <summary>world_manifest.json: marks a folder as a Rait world and pins the content of every file.</summary>
public sealed record WorldManifest
{
    public const string ExpectedFormat = "rait-world";
    public const int CurrentFormatVersion = 1;

    public required string Format { get; init; }
    public required int FormatVersion { get; init; }
    public required string GeneratorVersion { get; init; }
    public required string ConfigHash { get; init; }
    public required IReadOnlyList<ManifestFile> Files { get; init; }
}
