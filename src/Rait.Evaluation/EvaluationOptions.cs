using Rait.Evaluation.Metrics;

namespace Rait.Evaluation;

/// <summary>How <see cref="MethodEvaluator"/> aggregates rows into a <see cref="MethodResult"/>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Macro-average the rates over <see cref="EvalRow.Subject"/> (MMLU style); resampling is then stratified by subject.</summary>
    public bool MacroBySubject { get; init; }
    /// <summary>How the THS reference enters the bootstrap.</summary>
    public ThsReferenceMode ThsReference { get; init; } = ThsReferenceMode.Paired;
    public BootstrapOptions Bootstrap { get; init; } = new();

    /// <summary>Returns every problem with its key path under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix = "eval")
    {
        var errors = new List<string>(Bootstrap.Validate(prefix + ".bootstrap"));
        if (!Enum.IsDefined(ThsReference))
            errors.Add($"{prefix}.ths_reference: got {(int)ThsReference}, expected one of {string.Join(", ", Enum.GetNames<ThsReferenceMode>())}.");
        return errors;
    }
}
