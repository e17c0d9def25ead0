using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>Maps the rows of one dataset layout to our records.</summary>
public interface IDatasetAdapter
{
    DatasetFormat Format { get; }

    /// <summary>Fields every row must have ("a|b": either); checked once against a CSV header so a missing column fails up front.</summary>
    IReadOnlyList<string> RequiredFields { get; }

    /// <summary>Converts one row.</summary>
    /// <exception cref="DataRowException">The row lacks a field or a field has the wrong type or value.</exception>
    DataItem Convert(SourceRow row);
}
