using Rait.Data.Adapters;

namespace Rait.Data;

/// <summary>How to read a dataset file.</summary>
public sealed record DatasetLoadOptions
{
    /// <summary>The layout; null = detect from the columns (a mapping implies <see cref="DatasetFormat.Generic"/>).</summary>
    public DatasetFormat? Format { get; init; }
    /// <summary>Field mapping for the generic layout.</summary>
    public GenericMapping? Mapping { get; init; }
    /// <summary>Record bad rows and go on instead of stopping at the first one.</summary>
    public bool SkipBadRows { get; init; }
}
