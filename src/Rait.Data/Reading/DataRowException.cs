using Rait.Core;

namespace Rait.Data.Reading;

/// <summary>A problem confined to one row; with --skip-bad-rows it is recorded and the row is skipped.</summary>
public sealed class DataRowException(SkippedRow row) : RaitException(row.ToString())
{
    public SkippedRow Row { get; } = row;
}
