using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>
/// MMLU as CSV: CRaFT's <c>id,lang,question,A,B,C,D,target</c> with a header, or the original headerless
/// <c>question,A,B,C,D,answer</c>. The subject comes from the file name ("anatomy_test.csv" → anatomy).
/// </summary>
public sealed class MmluCsvAdapter : IDatasetAdapter
{
    /// <summary>Column names given to the original headerless files.</summary>
    public static readonly IReadOnlyList<string> HeaderlessColumns = ["question", "A", "B", "C", "D", "answer"];

    private static readonly string[] Letters = ["A", "B", "C", "D"];

    public DatasetFormat Format => DatasetFormat.MmluCsv;
    public IReadOnlyList<string> RequiredFields => ["question", "A", "B", "C", "D", "target|answer"];

    public DataItem Convert(SourceRow row)
    {
        var targetField = row.Has("target") ? "target" : "answer";
        var target = row.RequireString(targetField).Trim().ToUpperInvariant();
        // Option text may legitimately be empty-looking ("0") but never missing; keep it verbatim.
        var options = Letters.Select(l => new McOption(l, row.OptionalString(l) ?? throw RowFields.Missing(row, l))).ToList();
        return McItems.Build(row, row.IdOrDefault(row.Has("id") ? "id" : null), row.RequireString("question"), options, target, targetField,
            new ItemMetadata { Source = "mmlu", Split = FileNameInfo.Split(row.File), Subject = FileNameInfo.MmluSubject(row.File) });
    }
}
