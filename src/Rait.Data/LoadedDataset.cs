using Rait.Data.Adapters;
using Rait.Data.Reading;

namespace Rait.Data;

/// <summary>The records read from a dataset file (or folder), the layout used, and the rows skipped.</summary>
public sealed record LoadedDataset(
    string Path,
    ContainerFormat Container,
    DatasetFormat Format,
    IReadOnlyList<DataItem> Items,
    IReadOnlyList<SkippedRow> Skipped);
