using Rait.Core.Config;

namespace Rait.Data.Adapters;

/// <summary>
/// Field names (dotted paths allowed) for a dataset we have no adapter for. With <see cref="OptionsField"/> set the
/// rows become multiple-choice items, otherwise open-ended items.
/// </summary>
public sealed record GenericMapping : IValidatable
{
    public string QuestionField { get; init; } = "question";
    /// <summary>A string or a list of strings; required for open-ended items.</summary>
    public string? AnswersField { get; init; }
    /// <summary>Splits a string answers field into aliases ("Paris;City of Light"): CSV cells cannot hold a list.</summary>
    public string? AnswersSeparator { get; init; }
    public string? ContextField { get; init; }
    /// <summary>When absent, ids are "{file stem}-{row}".</summary>
    public string? IdField { get; init; }
    /// <summary>A list of strings (labelled A, B, ...), a list of {label, text}, or {label: [..], text: [..]}.</summary>
    public string? OptionsField { get; init; }
    /// <summary>An option label, a 0-based integer index, or the exact text of one option.</summary>
    public string? TargetField { get; init; }
    public string? SubjectField { get; init; }

    public bool IsMultipleChoice => OptionsField is not null;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(QuestionField)) errors.Add("question_field: must name a field");
        if (IsMultipleChoice && TargetField is null) errors.Add("target_field: required when options_field is set");
        if (!IsMultipleChoice && AnswersField is null) errors.Add("answers_field: required for open-ended items (or set options_field for multiple choice)");
        if (IsMultipleChoice && AnswersField is not null) errors.Add("answers_field: not used with options_field; give target_field instead");
        if (AnswersSeparator is { Length: 0 }) errors.Add("answers_separator: must not be empty");
        if (AnswersSeparator is not null && AnswersField is null) errors.Add("answers_separator: needs answers_field");
        return errors;
    }
}
