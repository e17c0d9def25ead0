using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Core;
using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>Maps rows by user-given field names (<see cref="GenericMapping"/>).</summary>
public sealed class GenericAdapter : IDatasetAdapter
{
    private readonly GenericMapping _map;

    /// <exception cref="RaitException">The mapping is incomplete (see <see cref="GenericMapping.Validate"/>).</exception>
    public GenericAdapter(GenericMapping map)
    {
        var errors = map.Validate();
        if (errors.Count > 0) throw new RaitException("generic mapping: " + string.Join("; ", errors));
        _map = map;
    }

    public DatasetFormat Format => DatasetFormat.Generic;

    public IReadOnlyList<string> RequiredFields =>
        new[] { _map.QuestionField, _map.AnswersField, _map.OptionsField, _map.TargetField }
            .OfType<string>().Select(f => f.Split('.')[0]).ToList();

    public DataItem Convert(SourceRow row)
    {
        var id = row.IdOrDefault(_map.IdField);
        var question = row.RequireString(_map.QuestionField);
        var meta = new ItemMetadata
        {
            Source = Path.GetFileNameWithoutExtension(row.File), Split = FileNameInfo.Split(row.File),
            Subject = _map.SubjectField is null ? null : row.OptionalString(_map.SubjectField),
        };
        if (_map.IsMultipleChoice)
        {
            var options = ReadOptions(row, _map.OptionsField!);
            return McItems.Build(row, id, question, options, ReadTarget(row, options), _map.TargetField!, meta);
        }
        var answers = ReadAnswers(row);
        if (answers.Count == 0)
            throw row.FieldError(_map.AnswersField!, _map.AnswersSeparator is { } sep
                ? $"no answers (expected a string of '{sep}'-separated answers or a non-empty list of strings)"
                : "no answers (expected a string or a non-empty list of strings)");
        return new OpenItem(new QaItem
        {
            Id = id, Question = question, Answers = answers, Meta = meta,
            Context = _map.ContextField is null ? null : row.OptionalString(_map.ContextField),
        });
    }

    private List<string> ReadAnswers(SourceRow row)
    {
        var field = _map.AnswersField!;
        var raw = row.StringList(field, allowSingle: true);
        // Only a single string is split: the elements of a real list are whole answers, separator or not.
        var answers = _map.AnswersSeparator is { } sep && row.Get(field) is not JsonArray
            ? raw.SelectMany(a => a.Split(sep, StringSplitOptions.TrimEntries))
            : raw;
        return answers.Where(a => a.Trim().Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<McOption> ReadOptions(SourceRow row, string field)
    {
        switch (row.Get(field))
        {
            case JsonObject o when o["label"] is JsonArray && o["text"] is JsonArray:
                var labels = row.StringList(field + ".label");
                var texts = row.StringList(field + ".text");
                if (labels.Count != texts.Count) throw row.FieldError(field, $"{labels.Count} labels but {texts.Count} texts");
                return labels.Select((l, i) => new McOption(l, texts[i])).ToList();
            case JsonArray a when a.All(x => x is JsonObject):
                return a.Select((x, i) =>
                {
                    var sub = row with { Fields = (JsonObject)x! };
                    return new McOption(sub.RequireString("label"), sub.OptionalString("text") ?? "");
                }).ToList();
            case JsonArray:
                return row.StringList(field).Select((t, i) => new McOption(McItems.Letter(i), t)).ToList();
            case null:
                throw RowFields.Missing(row, field);
            case var other:
                throw row.FieldError(field, $"expected a list of options, got {RowFields.Describe(other)}");
        }
    }

    private string ReadTarget(SourceRow row, List<McOption> options)
    {
        var field = _map.TargetField!;
        var node = row.Get(field) ?? throw RowFields.Missing(row, field);
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            long index = row.RequireInteger(field);
            if (index < 0 || index >= options.Count) throw row.FieldError(field, $"index {index} is outside the {options.Count} options (0-based)");
            return options[(int)index].Label;
        }
        var target = row.RequireString(field).Trim();
        if (options.Any(o => o.Label == target)) return target;
        var byText = options.Where(o => o.Text == target).ToList();
        return byText.Count == 1 ? byText[0].Label : target; // McItems.Build reports a target that matches nothing
    }
}
