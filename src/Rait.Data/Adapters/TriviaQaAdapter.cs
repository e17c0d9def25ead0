using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>
/// TriviaQA in HF's rc / unfiltered schema. Answers are <c>answer.value</c>, then <c>answer.aliases</c>, then
/// <c>answer.normalized_aliases</c>, without duplicates. The hidden test split (value "&lt;unk&gt;", no aliases) is rejected.
/// </summary>
public sealed class TriviaQaAdapter : IDatasetAdapter
{
    public DatasetFormat Format => DatasetFormat.TriviaQa;
    public IReadOnlyList<string> RequiredFields => ["question", "answer"];

    public DataItem Convert(SourceRow row)
    {
        var value = row.OptionalString("answer.value");
        var answers = new[] { value ?? "" }
            .Concat(row.StringList("answer.aliases"))
            .Concat(row.StringList("answer.normalized_aliases"))
            .Where(a => a.Trim().Length > 0 && a != "<unk>")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (answers.Count == 0)
            throw row.FieldError("answer", "no answers (value, aliases and normalized_aliases are empty; the test split hides answers, use validation)");
        return new OpenItem(new QaItem
        {
            Id = row.IdOrDefault(row.Has("question_id") ? "question_id" : null),
            Question = row.RequireString("question"),
            Answers = answers,
            Meta = new ItemMetadata { Source = "triviaqa", Split = FileNameInfo.Split(row.File) },
        });
    }
}
