namespace Rait.Evaluation.Metrics;

/// <summary>Settings of the percentile bootstrap used for every confidence interval.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of resamples; 0 disables intervals (bounds are then NaN).</summary>
    public int Replicates { get; init; } = 1000;
    /// <summary>Seed of the SplitMix64 generator; the same seed gives the same intervals on every platform.</summary>
    public ulong Seed { get; init; } = 20241001;
    /// <summary>Two-sided confidence level in (0, 1).</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>Returns every problem with its key path under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix = "bootstrap")
    {
        var errors = new List<string>();
        if (Replicates < 0 || Replicates > 1_000_000)
            errors.Add($"{prefix}.replicates: got {Replicates}, expected 0 to 1000000.");
        if (!(Level > 0 && Level < 1))
            errors.Add($"{prefix}.level: got {Level}, expected a value in (0, 1).");
        return errors;
    }
}
