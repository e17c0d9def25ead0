namespace Rait.World.Store;

/// <summary>One file of a world folder with its SHA-256 (lower-case hex) and size, to detect corruption.</summary>
public sealed record ManifestFile
{
    public required string Name { get; init; }
    public required string Sha256 { get; init; }
    public required long Bytes { get; init; }
}
