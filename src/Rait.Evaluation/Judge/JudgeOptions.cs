namespace Rait.Evaluation.Judge;

/// <summary>How the judge model is asked. Greedy and short by default: the reply is one word.</summary>
public sealed record JudgeOptions
{
    /// <summary>Tokens the judge may generate; a few more than one word so that a chatty reply is seen (and rejected) whole.</summary>
    public int MaxTokens { get; init; } = 8;
    /// <summary>0 = greedy, so the same judge gives the same verdicts.</summary>
    public double Temperature { get; init; }
    /// <summary>Sent as the request seed (servers without seed support ignore it).</summary>
    public long Seed { get; init; }

    /// <summary>All problems, each with its key path under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix = "judge")
    {
        var e = new List<string>();
        if (MaxTokens < 1) e.Add($"{prefix}.max_tokens: expected >= 1, got {MaxTokens}.");
        if (!(Temperature >= 0) || double.IsInfinity(Temperature)) e.Add($"{prefix}.temperature: expected a finite value >= 0, got {Temperature}.");
        return e;
    }
}
