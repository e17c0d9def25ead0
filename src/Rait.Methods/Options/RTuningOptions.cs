namespace Rait.Methods.Options;

/// <summary>R-Tuning data construction (spec rtuning-and-peers.md §1.2).</summary>
public enum RTuningMode
{
    /// <summary>Padding: keep the gold answer, append "Are you sure ...? I am sure/unsure." by correctness.</summary>
    Unsure,
    /// <summary>Replacement (R-Tuning-R): unknown answers become a refusal sentence.</summary>
    Unknown,
    /// <summary>Unsupervised (R-Tuning-U): the higher-entropy half of sampled answers is "unsure".</summary>
    Uncertain,
}

/// <summary>How an item is judged "certain" (D1) for the unsure/unknown modes.</summary>
public enum RTuningCertainty
{
    /// <summary>Greedy answer correct (R-Tuning code).</summary>
    Greedy,
    /// <summary>μ ≥ mu_threshold (sampling-based correctness).</summary>
    Mu,
}

/// <summary>Which refusal sentences the unknown mode draws from.</summary>
public enum RTuningRefusalSet
{
    /// <summary>The paper's 16 sentences (SelfAware list, with "We do not know.").</summary>
    Paper,
    /// <summary>The code's FALSE_RESPONSES (with "I do not know the answer.").</summary>
    Code,
    /// <summary>One fixed sentence, <see cref="RTuningOptions.SingleRefusal"/>.</summary>
    Single,
}

public sealed record RTuningOptions : MethodOptions
{
    public RTuningOptions() => Prompt = new PromptOptions { Style = PromptStyle.RTuning };

    public RTuningMode Mode { get; init; } = RTuningMode.Unsure;
    public RTuningCertainty Certainty { get; init; } = RTuningCertainty.Greedy;
    public double MuThreshold { get; init; } = 0.5;
    public RTuningRefusalSet RefusalSet { get; init; } = RTuningRefusalSet.Paper;
    public string SingleRefusal { get; init; } = "I don't know.";
    /// <summary>Number of rows drawn from the pool; null = the whole pool (R-Tuning uses every training item).</summary>
    public int? Size { get; init; }
    /// <summary>Uncertain mode: minimum sampled answers per item (paper k = 10, code 5).</summary>
    public int MinSamples { get; init; } = 2;

    public override IReadOnlyList<string> Validate()
    {
        var errors = ValidateCommon("rtuning").ToList();
        if (!(MuThreshold is >= 0 and <= 1)) errors.Add($"rtuning.mu_threshold: must be in [0, 1], got {MuThreshold}.");
        if (Size is <= 0) errors.Add($"rtuning.size: must be > 0 when set, got {Size}.");
        if (MinSamples < 2) errors.Add($"rtuning.min_samples: must be ≥ 2, got {MinSamples}.");
        if (RefusalSet == RTuningRefusalSet.Single && string.IsNullOrWhiteSpace(SingleRefusal))
            errors.Add("rtuning.single_refusal: must not be empty when refusal_set is single.");
        return errors;
    }
}
