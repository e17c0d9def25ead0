using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>SQuAD v2 (HF layout): <c>answers.text</c> are the aliases; an empty list marks the question unanswerable from its context.</summary>
public sealed class SquadV2Adapter : IDatasetAdapter
{
    public DatasetFormat Format => DatasetFormat.SquadV2;
    public IReadOnlyList<string> RequiredFields => ["id", "question", "context"];

    public DataItem Convert(SourceRow row)
    {
        var answers = row.StringList("answers.text").Where(a => a.Trim().Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new OpenItem(new QaItem
        {
            Id = row.IdOrDefault("id"),
            Question = row.RequireString("question"),
            Answers = answers,
            Context = row.RequireString("context"),
            Meta = new ItemMetadata
            {
                Source = "squad-v2", Split = FileNameInfo.Split(row.File),
                Subject = row.OptionalString("title"), Answerable = answers.Count > 0,
            },
        });
    }
}
