namespace Rait.Methods.Options;

/// <summary>Which answer a rehearsal (or GRAIT warm-up) row trains on.</summary>
public enum RehearsalAnswer
{
    /// <summary>The most frequent correct sampled prediction (the intent of CRaFT's replace_ans).</summary>
    MostFrequentCorrectSample,
    /// <summary>The original gold answer (what the released code effectively does, spec §2.4).</summary>
    Original,
}

/// <summary>
/// Selection of the rehearsal set (CRaFT stage 1) that GRAIT reuses as its warm-up set:
/// OEQA μ ≥ 0.995 and σ ≥ 0.995; MCQA raw p_gold &gt; 0.99; then a seeded random draw.
/// </summary>
public sealed record RehearsalOptions
{
    public int Size { get; init; } = 1000;
    public long Seed { get; init; }
    public ShortfallPolicy OnShortfall { get; init; } = ShortfallPolicy.Error;
    public double OpenMinMu { get; init; } = 0.995;
    public double OpenMinSigma { get; init; } = 0.995;
    /// <summary>MCQA: raw (unnormalised) p_gold must exceed this.</summary>
    public double McMinPGold { get; init; } = 0.99;
    public RehearsalAnswer Answer { get; init; } = RehearsalAnswer.MostFrequentCorrectSample;
    /// <summary>Rehearsal trains with the BASIC prompt (CRaFT "BASIC1").</summary>
    public PromptOptions Prompt { get; init; } = new() { Style = PromptStyle.Basic };

    public IReadOnlyList<string> Validate(string path = "rehearsal")
    {
        var errors = Prompt.Validate($"{path}.prompt").ToList();
        if (Size <= 0) errors.Add($"{path}.size: must be > 0, got {Size}.");
        if (!(OpenMinMu is >= 0 and <= 1)) errors.Add($"{path}.open_min_mu: must be in [0, 1], got {OpenMinMu}.");
        if (!(McMinPGold is >= 0 and < 1)) errors.Add($"{path}.mc_min_p_gold: must be in [0, 1), got {McMinPGold}.");
        if (double.IsNaN(OpenMinSigma)) errors.Add($"{path}.open_min_sigma: must be a number.");
        return errors;
    }
}
