using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;

namespace Rait.Pipeline.Run;

/// <summary>
/// The run folder: each stage's output lives in `&lt;stage&gt;-&lt;hash&gt;/`, where the hash covers the stage's
/// inputs and options, and a `done.json` marker is written last. Re-running skips finished stages; a
/// killed run resumes at the first unfinished one; changing an option reruns exactly what depends on it.
/// </summary>
public sealed class StageStore(string root, IReadOnlySet<string> forced)
{
    public const string FormatVersion = "rait-run-1";
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Folder of a stage for the given key (anything JSON-serialisable that determines its output).</summary>
    public string Dir(string stage, object key)
    {
        var json = FormatVersion + JsonSerializer.Serialize(key, Jsonl.Options);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12].ToLowerInvariant();
        return Path.Combine(Root, $"{stage}-{hash}");
    }

    public bool IsDone(string dir, string stageKind) =>
        !forced.Contains(stageKind) && File.Exists(Path.Combine(dir, "done.json"));

    /// <summary>Runs <paramref name="work"/> unless the stage is finished; the marker is written only after it succeeds.</summary>
    public string RunStage(string stageKind, string dir, Action<string> work)
    {
        if (IsDone(dir, stageKind)) return dir;
        if (forced.Contains(stageKind) && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        work(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, "done.json"), JsonSerializer.Serialize(new { stage = stageKind, format = FormatVersion, finished = DateTime.UtcNow }));
        return dir;
    }

    /// <summary>Refuses run folders written by an incompatible version.</summary>
    public void CheckVersion()
    {
        Directory.CreateDirectory(Root);
        var marker = Path.Combine(Root, "rait_run.json");
        if (File.Exists(marker))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(marker));
            var v = doc.RootElement.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (v != FormatVersion) throw new RaitException($"{marker}: run folder format \"{v}\", this Rait writes \"{FormatVersion}\"; use a new --out folder.");
        }
        else AtomicFile.WriteAllText(marker, JsonSerializer.Serialize(new { format = FormatVersion }));
    }
}
