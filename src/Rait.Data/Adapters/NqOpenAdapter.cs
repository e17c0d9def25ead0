using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>NQ-open: <c>{"question", "answer": [aliases]}</c>; any alias counts. Ids are "{file stem}-{line}" unless an "id" field exists.</summary>
public sealed class NqOpenAdapter : IDatasetAdapter
{
    public DatasetFormat Format => DatasetFormat.NqOpen;
    public IReadOnlyList<string> RequiredFields => ["question", "answer"];

    public DataItem Convert(SourceRow row)
    {
        var answers = row.StringList("answer", allowSingle: true).Where(a => a.Trim().Length > 0).Distinct().ToList();
        if (answers.Count == 0) throw row.FieldError("answer", "no answers (expected at least one alias)");
        return new OpenItem(new QaItem
        {
            Id = row.IdOrDefault(row.Has("id") ? "id" : null),
            Question = row.RequireString("question"),
            Answers = answers,
            Meta = new ItemMetadata { Source = "nq-open", Split = FileNameInfo.Split(row.File) },
        });
    }
}
