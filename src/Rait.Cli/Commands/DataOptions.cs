using System.CommandLine;
using Rait.Data;
using Rait.Data.Adapters;

namespace Rait.Cli.Commands;

/// <summary>The input options shared by <c>data inspect</c> and <c>data convert</c>, and their translation to load options.</summary>
internal sealed class DataOptions
{
    public Argument<string> File { get; } = new("file") { Description = "Dataset file (.jsonl, .json, .csv, .parquet) or a folder of them." };
    public Option<string?> Format { get; } = new("--format") { Description = $"Dataset layout; detected when omitted. One of: {string.Join(", ", DatasetFormats.AllNames)}." };
    public Option<string?> QuestionField { get; } = new("--question-field") { Description = "Generic mapping: field holding the question (dotted paths allowed)." };
    public Option<string?> AnswersField { get; } = new("--answers-field") { Description = "Generic mapping: field holding the answer or list of answer aliases." };
    public Option<string?> AnswersSeparator { get; } = new("--answers-separator") { Description = "Generic mapping: splits a text answers field into aliases (e.g. ';' for a CSV column 'Paris;City of Light')." };
    public Option<string?> ContextField { get; } = new("--context-field") { Description = "Generic mapping: field holding a supporting passage." };
    public Option<string?> IdField { get; } = new("--id-field") { Description = "Generic mapping: field holding the id (default: file stem and row number)." };
    public Option<string?> OptionsField { get; } = new("--options-field") { Description = "Generic mapping: field holding the answer options (makes multiple-choice items)." };
    public Option<string?> TargetField { get; } = new("--target-field") { Description = "Generic mapping: field holding the gold option (label, 0-based index or option text)." };
    public Option<bool> SkipBadRows { get; } = new("--skip-bad-rows") { Description = "Skip rows that cannot be read and list them, instead of stopping at the first." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        foreach (var o in new Option[] { Format, QuestionField, AnswersField, AnswersSeparator, ContextField, IdField, OptionsField, TargetField, SkipBadRows })
            command.Options.Add(o);
    }

    public DatasetLoadOptions ToLoadOptions(ParseResult p)
    {
        var format = p.GetValue(Format) is { } name ? DatasetFormats.Parse(name) : (DatasetFormat?)null;
        bool anyField = new[] { QuestionField, AnswersField, AnswersSeparator, ContextField, IdField, OptionsField, TargetField }.Any(o => p.GetValue(o) is not null);
        GenericMapping? mapping = null;
        if (anyField || format == DatasetFormat.Generic)
        {
            if (format is not null && format != DatasetFormat.Generic)
                throw new Core.RaitException($"--question-field and the other field options apply to --format generic only, not {DatasetFormats.Name(format.Value)}.");
            mapping = new GenericMapping
            {
                QuestionField = p.GetValue(QuestionField) ?? "question",
                AnswersField = p.GetValue(AnswersField),
                AnswersSeparator = p.GetValue(AnswersSeparator),
                ContextField = p.GetValue(ContextField),
                IdField = p.GetValue(IdField),
                OptionsField = p.GetValue(OptionsField),
                TargetField = p.GetValue(TargetField),
            };
        }
        return new DatasetLoadOptions { Format = format, Mapping = mapping, SkipBadRows = p.GetValue(SkipBadRows) };
    }
}
