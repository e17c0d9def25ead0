namespace Rait.Core.Text;

/// <summary>Chooses and configures the open-QA answer matcher.</summary>
public sealed record MatcherOptions
{
    /// <summary>Correctness rule; CRaFT's substring containment by default.</summary>
    public MatchRule Rule { get; init; } = MatchRule.Contains;

    /// <summary>Contains only: the prediction is cut at the first case-insensitive occurrence of each string.</summary>
    public IReadOnlyList<string> Splitters { get; init; } = [];

    /// <summary>ExactMatch and TokenF1: which normaliser to apply.</summary>
    public AnswerNormalization Normalization { get; init; } = AnswerNormalization.Squad;

    /// <summary>TokenF1 only: minimum F1 in (0, 1] that counts as correct.</summary>
    public double F1Threshold { get; init; } = 0.5;

    /// <summary>Returns every problem, each prefixed with its key path under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix = "matcher")
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Rule))
            errors.Add($"{prefix}.rule: got {(int)Rule}, expected one of {string.Join(", ", Enum.GetNames<MatchRule>())}.");
        if (!Enum.IsDefined(Normalization))
            errors.Add($"{prefix}.normalization: got {(int)Normalization}, expected one of {string.Join(", ", Enum.GetNames<AnswerNormalization>())}.");
        if (!(F1Threshold > 0 && F1Threshold <= 1))
            errors.Add($"{prefix}.f1_threshold: got {F1Threshold}, expected a value in (0, 1].");
        for (int i = 0; i < Splitters.Count; i++)
            if (string.IsNullOrEmpty(Splitters[i]))
                errors.Add($"{prefix}.splitters[{i}]: empty string, expected a non-empty splitter.");
        if (Rule != MatchRule.Contains && Splitters.Count > 0)
            errors.Add($"{prefix}.splitters: only used by rule Contains, but rule is {Rule}.");
        return errors;
    }

    /// <summary>Builds the matcher.</summary>
    /// <exception cref="RaitException">The options are invalid (all problems listed).</exception>
    public IAnswerMatcher CreateMatcher()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new RaitException("invalid matcher options: " + string.Join(" ", errors));
        return Rule switch
        {
            MatchRule.Contains => new AliasContainmentMatcher(Splitters),
            MatchRule.ExactMatch => new ExactMatchMatcher(Normalization),
            MatchRule.TokenF1 => new TokenF1Matcher(F1Threshold, Normalization),
            _ => throw new RaitException($"matcher.rule: unsupported rule {Rule}."),
        };
    }
}
