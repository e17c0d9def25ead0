using System.Text.Json;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>Our own QaItem or McItem records (synthetic world exports, earlier conversions), read strictly as written.</summary>
public sealed class RaitRecordAdapter(bool multipleChoice) : IDatasetAdapter
{
    public DatasetFormat Format => multipleChoice ? DatasetFormat.RaitMc : DatasetFormat.RaitQa;
    public IReadOnlyList<string> RequiredFields => multipleChoice ? ["id", "question", "options", "target"] : ["id", "question", "answers"];

    public DataItem Convert(SourceRow row)
    {
        try
        {
            if (multipleChoice)
            {
                var mc = row.Fields.Deserialize<McItem>(Jsonl.Options) ?? throw row.FieldError("(row)", "expected an object");
                return McItems.Build(row, mc.Id, mc.Question, mc.Options, mc.Target, "target", mc.Meta);
            }
            var qa = row.Fields.Deserialize<QaItem>(Jsonl.Options) ?? throw row.FieldError("(row)", "expected an object");
            if (qa.Answers.Count == 0 && qa.Meta.Answerable != false)
                throw row.FieldError("answers", "empty, but meta.answerable is not false (an empty list means unanswerable)");
            return new OpenItem(qa);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "(row)";
            throw row.FieldError(field, JsonlRowReader.Short(e.Message));
        }
    }
}
