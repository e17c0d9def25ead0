namespace Rait.Methods.Options;

/// <summary>
/// Context-based refusal (the design of the Refusal-Finetuning seed repository, spec §2): answerable
/// (context holds the answer), unanswerable (context lacks it) and no-context (refuse unless known) rows.
/// </summary>
public sealed record ContextRefusalOptions : MethodOptions
{
    public int Total { get; init; } = 1000;
    public double AnswerableShare { get; init; } = 0.4;
    public double UnanswerableShare { get; init; } = 0.4;
    public double NoContextShare { get; init; } = 0.2;
    /// <summary>Pair answerable questions with another record's context lacking their answer.</summary>
    public bool UseDistractorContexts { get; init; } = true;
    /// <summary>Known/unknown split for no-context rows (closed-book μ).</summary>
    public MuThresholds NoContextThresholds { get; init; } = MuThresholds.CraftOpen;
    /// <summary>User turn with a context; placeholders {context}, {question}.</summary>
    public string ContextTemplate { get; init; } =
        "Answer the question using only the context below. If the context does not contain the answer, only reply with 'I don't know'.\nContext: {context}\nQuestion: {question}";

    public override IReadOnlyList<string> Validate()
    {
        var errors = ValidateCommon("context").Concat(NoContextThresholds.Validate("context.no_context_thresholds")).ToList();
        if (Total <= 0) errors.Add($"context.total: must be > 0, got {Total}.");
        foreach (var (name, v) in new[] { ("answerable_share", AnswerableShare), ("unanswerable_share", UnanswerableShare), ("no_context_share", NoContextShare) })
            if (!(v is >= 0 and <= 1)) errors.Add($"context.{name}: must be in [0, 1], got {v}.");
        double sum = AnswerableShare + UnanswerableShare + NoContextShare;
        if (Math.Abs(sum - 1) > 1e-9) errors.Add($"context: shares must sum to 1, got {sum}.");
        if (!ContextTemplate.Contains("{context}", StringComparison.Ordinal) || !ContextTemplate.Contains("{question}", StringComparison.Ordinal))
            errors.Add("context.context_template: must contain {context} and {question}.");
        return errors;
    }
}
