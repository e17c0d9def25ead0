namespace Rait.World.Config;

/// <summary>
/// How often each fact of an appearing person occurs in the pretraining corpus.
/// A share <see cref="ZeroShare"/> of those facts is never mentioned; the rest get 1..<see cref="Max"/>
/// mentions following <see cref="Law"/>. Counts are allocated exactly (largest remainder), not sampled,
/// so the histogram equals the configured distribution up to rounding.
/// </summary>
public sealed record ExposureOptions
{
    /// <summary>Share of an appearing person's facts with exposure 0, in [0, 1).</summary>
    public double ZeroShare { get; init; } = 0.3;
    public ExposureLaw Law { get; init; } = ExposureLaw.Geometric;
    /// <summary>p of the geometric law (0 &lt; p &lt; 1) or s of the Zipf law (s &gt; 0).</summary>
    public double Parameter { get; init; } = 0.35;
    /// <summary>Largest exposure count (Kmax), 1..50.</summary>
    public int Max { get; init; } = 10;

    /// <summary>P(k) for k = 1..Max, normalised.</summary>
    public double[] PositiveProbabilities()
    {
        var w = new double[Max];
        double q = 1.0;
        for (int k = 1; k <= Max; k++)
        {
            // Geometric weights by repeated multiplication: basic IEEE operations are reproducible everywhere.
            w[k - 1] = Law switch
            {
                ExposureLaw.Geometric => q,
                ExposureLaw.Zipf => Math.Pow(k, -Parameter),
                _ => throw new InvalidOperationException($"unknown exposure law {Law}"),
            };
            q *= 1.0 - Parameter;
        }
        double sum = 0;
        foreach (var x in w) sum += x;
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
        return w;
    }

    internal void Validate(string prefix, List<string> errors)
    {
        if (!(ZeroShare >= 0 && ZeroShare < 1))
            errors.Add($"{prefix}.zero_share: expected a share in [0, 1), got {ZeroShare}.");
        if (Max is < 1 or > 50)
            errors.Add($"{prefix}.max: expected 1..50, got {Max}.");
        switch (Law)
        {
            case ExposureLaw.Geometric when !(Parameter > 0 && Parameter < 1):
                errors.Add($"{prefix}.parameter: the geometric law needs p in (0, 1), got {Parameter}.");
                break;
            case ExposureLaw.Zipf when !(Parameter > 0 && Parameter <= 10):
                errors.Add($"{prefix}.parameter: the zipf law needs s in (0, 10], got {Parameter}.");
                break;
            case ExposureLaw.Geometric or ExposureLaw.Zipf:
                break;
            default:
                errors.Add($"{prefix}.law: expected geometric or zipf, got {Law}.");
                break;
        }
    }
}
