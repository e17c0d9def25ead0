using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>HF cais/mmlu: <c>question</c>, <c>choices</c> (list), <c>answer</c> (0-based index, ClassLabel A–D), <c>subject</c>.</summary>
public sealed class MmluHfAdapter : IDatasetAdapter
{
    public DatasetFormat Format => DatasetFormat.MmluHf;
    public IReadOnlyList<string> RequiredFields => ["question", "choices", "answer"];

    public DataItem Convert(SourceRow row)
    {
        var choices = row.StringList("choices");
        long answer = row.RequireInteger("answer");
        if (answer < 0 || answer >= choices.Count)
            throw row.FieldError("answer", $"index {answer} is outside the {choices.Count} choices (expected 0-{choices.Count - 1})");
        var options = choices.Select((c, i) => new McOption(McItems.Letter(i), c)).ToList();
        return McItems.Build(row, row.IdOrDefault(row.Has("id") ? "id" : null), row.RequireString("question"), options,
            McItems.Letter((int)answer), "answer",
            new ItemMetadata { Source = "mmlu", Split = FileNameInfo.Split(row.File), Subject = row.OptionalString("subject") });
    }
}
