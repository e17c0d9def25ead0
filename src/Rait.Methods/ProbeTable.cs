using Rait.Core.Io;
using Rait.Core.Records;

namespace Rait.Methods;

/// <summary>Probe rows plus the file (or label) they came from, so every error can name it.</summary>
public sealed record ProbeTable(string Source, IReadOnlyList<ProbeRecord> Rows)
{
    /// <summary>Reads a probe JSONL file.</summary>
    /// <exception cref="Rait.Core.RaitException">Missing file, malformed line or missing column (file:line).</exception>
    public static ProbeTable Load(string path) => new(path, Jsonl.Read<ProbeRecord>(path));
}
