using System.Text;
using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;

namespace Rait.Probing.Output;

/// <summary>
/// The probe's JSONL output as a resumable log: rows are appended per batch; on restart the rows
/// already there are kept (after checking they came from the same model and prompt), a line torn by a
/// kill is dropped, and at the end the file is rewritten atomically in input order.
/// </summary>
public sealed class ProbeOutputFile(string path)
{
    public string Path { get; } = path;

    /// <summary>Rows already written by an earlier run of the same probe, by id.</summary>
    /// <exception cref="RaitException">A row from another model or prompt, an id not in the input, or a malformed line that is not the last.</exception>
    public Dictionary<string, ProbeRecord> LoadExisting(string modelFingerprint, string promptFingerprint, IReadOnlySet<string> inputIds)
    {
        var done = new Dictionary<string, ProbeRecord>(StringComparer.Ordinal);
        if (!File.Exists(Path)) return done;
        var bytes = File.ReadAllBytes(Path);
        int end = bytes.Length;
        // A kill can leave a partial last line (no newline): cut it off so appends start on a clean line.
        if (end > 0 && bytes[end - 1] != (byte)'\n')
        {
            end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            using var fs = new FileStream(Path, FileMode.Open, FileAccess.Write);
            fs.SetLength(end);
        }
        var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            ProbeRecord row;
            try { row = JsonSerializer.Deserialize<ProbeRecord>(lines[i], Jsonl.Options)!; }
            catch (JsonException e) { throw new RaitException($"{Path}:{i + 1}: not a probe row ({e.Message}); delete the file or choose another output path."); }
            if (row.ModelFingerprint != modelFingerprint || row.PromptFingerprint != promptFingerprint)
                throw new RaitException($"{Path}:{i + 1}: written by model {row.ModelFingerprint} with prompt {row.PromptFingerprint}, " +
                    $"but this run is model {modelFingerprint} with prompt {promptFingerprint}; delete the file or choose another output path to start over.");
            if (!inputIds.Contains(row.Id))
                throw new RaitException($"{Path}:{i + 1}: id \"{row.Id}\" is not in the input; the output belongs to another data file.");
            done[row.Id] = row;
        }
        return done;
    }

    /// <summary>Appends one batch of rows and flushes them to disk.</summary>
    public void Append(IReadOnlyList<ProbeRecord> rows)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(dir);
        Jsonl.Append(Path, rows);
    }

    /// <summary>Atomically replaces the log by the finished rows in input order.</summary>
    public void Finish(IReadOnlyList<ProbeRecord> ordered) => Jsonl.Write(Path, ordered);
}
