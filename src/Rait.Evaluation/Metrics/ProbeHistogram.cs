using System.Text.Json.Serialization;

namespace Rait.Evaluation.Metrics;

/// <summary>
/// Distribution of probed correctness μ and certainty σ over equal-width bins of [0, 1] (the last bin includes 1),
/// and the share of questions that are partially known (0.1 ≤ μ ≤ 0.9). σ &lt; 0 means "no certainty" (multiple-choice
/// rows without it) and is left out of the σ counts only.
/// </summary>
public sealed record ProbeHistogram
{
    /// <summary>Bin edges, bins + 1 values from 0 to 1.</summary>
    [JsonPropertyName("edges")] public required IReadOnlyList<double> Edges { get; init; }
    [JsonPropertyName("mu_counts")] public required IReadOnlyList<int> MuCounts { get; init; }
    [JsonPropertyName("sigma_counts")] public required IReadOnlyList<int> SigmaCounts { get; init; }
    /// <summary>Questions counted (every μ).</summary>
    [JsonPropertyName("n")] public required int N { get; init; }
    /// <summary>Share (0..1) of questions with 0.1 ≤ μ ≤ 0.9; NaN when empty.</summary>
    [JsonPropertyName("partial_share")] public required double PartialShare { get; init; }

    public const double PartialLow = 0.1, PartialHigh = 0.9;

    /// <summary>Histogram of (μ, σ) pairs over <paramref name="bins"/> bins.</summary>
    /// <exception cref="ArgumentException">bins &lt; 1, or μ outside [0, 1] or σ above 1.</exception>
    public static ProbeHistogram Of(IEnumerable<(double Mu, double Sigma)> points, int bins = 10)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "at least one bin is needed");
        var mu = new int[bins];
        var sigma = new int[bins];
        int n = 0, partial = 0;
        foreach (var (m, s) in points)
        {
            if (!(m is >= 0 and <= 1)) throw new ArgumentException($"μ must be in [0, 1], got {m}", nameof(points));
            if (s > 1 || double.IsNaN(s)) throw new ArgumentException($"σ must be ≤ 1 (or < 0 for none), got {s}", nameof(points));
            n++;
            mu[Bin(m, bins)]++;
            if (s >= 0) sigma[Bin(s, bins)]++;
            if (m is >= PartialLow and <= PartialHigh) partial++;
        }
        return new ProbeHistogram
        {
            Edges = Enumerable.Range(0, bins + 1).Select(i => (double)i / bins).ToList(),
            MuCounts = mu, SigmaCounts = sigma, N = n, PartialShare = n == 0 ? double.NaN : (double)partial / n,
        };
    }

    // Multiplying first keeps exact edges (0.3 with 10 bins) in the bin they start, where dividing by the width would not.
    private static int Bin(double x, int bins) => Math.Min(bins - 1, (int)Math.Floor(x * bins + 1e-9));
}
