using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>SelfAware: <c>{"question_id", "question", "answer": [..] or null, "answerable"}</c>; unanswerable items get no answers.</summary>
public sealed class SelfAwareAdapter : IDatasetAdapter
{
    public DatasetFormat Format => DatasetFormat.SelfAware;
    public IReadOnlyList<string> RequiredFields => ["question_id", "question", "answerable"];

    public DataItem Convert(SourceRow row)
    {
        bool answerable = row.RequireBool("answerable");
        var answers = row.StringList("answer", allowSingle: true).Where(a => a.Trim().Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (answerable && answers.Count == 0) throw row.FieldError("answer", "answerable is true but there are no answers");
        return new OpenItem(new QaItem
        {
            Id = row.IdOrDefault("question_id"),
            Question = row.RequireString("question"),
            // An unanswerable question has no gold answer by definition, even if a stray one was recorded.
            Answers = answerable ? answers : [],
            Meta = new ItemMetadata { Source = "selfaware", Answerable = answerable },
        });
    }
}
