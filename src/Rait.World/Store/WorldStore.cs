using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.World.Generation;

namespace Rait.World.Store;

/// <summary>
/// Saves and loads world folders. A save goes to a staging sibling folder that is renamed into place,
/// so a crash never leaves a half-written world; a load verifies world.json field by field and every
/// file against the SHA-256 in world_manifest.json.
/// </summary>
public static class WorldStore
{
    /// <summary>Writes <paramref name="artifacts"/> to <paramref name="directory"/> and returns the loaded world.</summary>
    /// <param name="artifacts">The generated world.</param>
    /// <param name="directory">Target folder: new, empty, or an existing world.</param>
    /// <param name="overwrite">Replace a folder that holds a different world (otherwise an error).</param>
    /// <exception cref="RaitException">The folder exists and is not empty and not a world, or holds another world.</exception>
    public static LoadedWorld Save(WorldArtifacts artifacts, string directory, bool overwrite = false)
    {
        var target = Path.GetFullPath(directory);
        var hash = artifacts.World.ConfigHash;
        var existing = Inspect(target);
        if (existing is { IsWorld: false, IsEmpty: false })
            throw new RaitException($"{target}: the folder exists and is not a world (no {WorldFileNames.Manifest}); choose a new or empty folder.");
        if (existing is { IsWorld: true } && existing.ConfigHash != hash && !overwrite)
            throw new RaitException($"{target}: holds a different world (config hash {existing.ConfigHash}, requested {hash}); choose another folder or overwrite it (rait world create --force).");
        if (existing is { IsWorld: true } && existing.ConfigHash == hash && TryLoad(target) is { } same)
            return same; // Deterministic generation: the files would be identical, and later additions stay.

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Guid.NewGuid():N}");
        try
        {
            WriteAll(artifacts, staging);
            Install(staging, target, existing);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return Load(target);
    }

    /// <summary>Loads and verifies a world folder.</summary>
    /// <exception cref="RaitException">Not a world, a malformed or inconsistent file (named with its field), or a file whose content changed.</exception>
    public static LoadedWorld Load(string directory)
    {
        var dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir)) throw new RaitException($"{dir}: world folder not found.");
        var manifestPath = Path.Combine(dir, WorldFileNames.Manifest);
        if (!File.Exists(manifestPath))
            throw new RaitException($"{dir}: not a world folder ({WorldFileNames.Manifest} missing); create one with 'rait world create'.");
        var manifest = ReadJson<WorldManifest>(manifestPath);
        if (manifest.Format != WorldManifest.ExpectedFormat)
            throw new RaitException($"{manifestPath}: field format: expected '{WorldManifest.ExpectedFormat}', got '{manifest.Format}'.");
        if (manifest.FormatVersion != WorldManifest.CurrentFormatVersion)
            throw new RaitException($"{manifestPath}: field format_version: expected {WorldManifest.CurrentFormatVersion}, got {manifest.FormatVersion}.");

        var worldPath = Path.Combine(dir, WorldFileNames.World);
        if (!File.Exists(worldPath)) throw new RaitException($"{worldPath}: file missing from the world folder.");
        var data = ReadJson<WorldData>(worldPath);
        var errors = WorldDataValidator.Validate(data);
        if (errors.Count > 0) throw new RaitException($"{worldPath}: field {errors[0]}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more problems)" : ""));
        if (data.ConfigHash != manifest.ConfigHash)
            throw new RaitException($"{manifestPath}: field config_hash: '{manifest.ConfigHash}' differs from {WorldFileNames.World} ('{data.ConfigHash}').");
        foreach (var f in manifest.Files) VerifyFile(dir, f);
        return new LoadedWorld(dir, manifest, data);
    }

    /// <summary>True when <paramref name="directory"/> holds a world manifest.</summary>
    public static bool IsWorld(string directory) => File.Exists(Path.Combine(directory, WorldFileNames.Manifest));

    /// <summary>Replaces one file of a world (e.g. ground_truth.jsonl with base-model correctness) and updates the manifest.</summary>
    public static void ReplaceFile(LoadedWorld world, string fileName, byte[] bytes)
    {
        if (world.Manifest.Files.All(f => f.Name != fileName))
            throw new RaitException($"{world.Directory}: '{fileName}' is not a file of this world.");
        AtomicFile.WriteAllBytes(world.PathOf(fileName), bytes);
        var files = world.Manifest.Files.Select(f => f.Name == fileName ? Describe(fileName, bytes) : f).ToList();
        WriteManifest(world.Directory, world.Manifest with { Files = files });
    }

    /// <summary>Rewrites ground_truth.jsonl (same facts, new base-model columns).</summary>
    public static void WriteGroundTruth(LoadedWorld world, IEnumerable<GroundTruthRow> rows) =>
        ReplaceFile(world, WorldFileNames.GroundTruth, WorldArtifacts.Lines(rows));

    private static LoadedWorld? TryLoad(string dir)
    {
        try { return Load(dir); }
        catch (RaitException) { return null; }
    }

    private static void WriteAll(WorldArtifacts artifacts, string dir)
    {
        Directory.CreateDirectory(dir);
        var described = new List<ManifestFile>();
        foreach (var (name, bytes) in artifacts.Files())
        {
            AtomicFile.WriteAllBytes(Path.Combine(dir, name), bytes);
            described.Add(Describe(name, bytes));
        }
        WriteManifest(dir, new WorldManifest
        {
            Format = WorldManifest.ExpectedFormat, FormatVersion = WorldManifest.CurrentFormatVersion,
            GeneratorVersion = artifacts.World.GeneratorVersion, ConfigHash = artifacts.World.ConfigHash, Files = described,
        });
    }

    private static void Install(string staging, string target, FolderState existing)
    {
        if (!existing.Exists || existing.IsEmpty)
        {
            if (existing.Exists) Directory.Delete(target);
            Directory.Move(staging, target);
            return;
        }
        // Replace an existing world: move it aside, move the new one in, then delete the old one.
        var aside = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
        Directory.Move(target, aside);
        Directory.Move(staging, target);
        Directory.Delete(aside, recursive: true);
    }

    private static void WriteManifest(string dir, WorldManifest manifest) =>
        AtomicFile.WriteAllText(Path.Combine(dir, WorldFileNames.Manifest), JsonSerializer.Serialize(manifest, WorldArtifacts.IndentedOptions) + "\n");

    private static ManifestFile Describe(string name, byte[] bytes) =>
        new() { Name = name, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Bytes = bytes.LongLength };

    private static void VerifyFile(string dir, ManifestFile f)
    {
        var path = Path.Combine(dir, f.Name);
        if (!File.Exists(path)) throw new RaitException($"{path}: file listed in {WorldFileNames.Manifest} is missing.");
        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != f.Sha256)
            throw new RaitException($"{path}: content differs from {WorldFileNames.Manifest} (sha256 {actual[..12]}…, expected {f.Sha256[..12]}…, {bytes.Length} bytes vs {f.Bytes}); the file was modified or truncated — recreate the world.");
    }

    private static T ReadJson<T>(string path)
    {
        try
        {
            var text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return JsonSerializer.Deserialize<T>(text, Jsonl.Options)
                ?? throw new RaitException($"{path}: expected a JSON object, got null.");
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } p ? $"field {p.TrimStart('$', '.')}: " : "";
            var msg = e.Message;
            int cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
            throw new RaitException($"{path}: {field}{(cut > 0 ? msg[..cut] : msg)}");
        }
        catch (DecoderFallbackException)
        {
            throw new RaitException($"{path}: not valid UTF-8.");
        }
    }

    private static FolderState Inspect(string dir)
    {
        if (!Directory.Exists(dir)) return new FolderState(false, true, false, null);
        bool empty = !Directory.EnumerateFileSystemEntries(dir).Any();
        if (!IsWorld(dir)) return new FolderState(true, empty, false, null);
        string? hash;
        try { hash = ReadJson<WorldManifest>(Path.Combine(dir, WorldFileNames.Manifest)).ConfigHash; }
        catch (RaitException) { hash = null; }
        return new FolderState(true, false, true, hash);
    }

    private sealed record FolderState(bool Exists, bool IsEmpty, bool IsWorld, string? ConfigHash);
}
