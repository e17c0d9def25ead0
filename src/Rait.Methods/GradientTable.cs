using Rait.Core.Io;
using Rait.Core.Records;

namespace Rait.Methods;

/// <summary>GRAIT gradient features plus the file (or label) they came from.</summary>
public sealed record GradientTable(string Source, IReadOnlyList<GradientFeature> Rows)
{
    public static GradientTable Load(string path) => new(path, Jsonl.Read<GradientFeature>(path));
}
