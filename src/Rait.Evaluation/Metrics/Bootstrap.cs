using Rait.Core.Random;

namespace Rait.Evaluation.Metrics;

/// <summary>Seeded, optionally stratified bootstrap resampling and percentile intervals.</summary>
/// <remarks>
/// Every resample draws items with replacement (within each stratum when strata are given, so every
/// MMLU subject keeps its size). All statistics of one evaluation are computed on the same resamples.
/// </remarks>
public static class Bootstrap
{
    /// <summary>
    /// Deterministic resamples of <c>0..n-1</c>; with <paramref name="strata"/> each group is resampled
    /// within itself and the result lists the groups' resampled indices in group order.
    /// </summary>
    public static IEnumerable<int[]> Resamples(int n, BootstrapOptions options, IReadOnlyList<IReadOnlyList<int>>? strata = null)
    {
        if (n <= 0) yield break;
        strata ??= [Enumerable.Range(0, n).ToArray()];
        var rng = new SplitMix64(options.Seed);
        for (int b = 0; b < options.Replicates; b++)
        {
            var sample = new int[strata.Sum(s => s.Count)];
            int at = 0;
            foreach (var group in strata)
                for (int j = 0; j < group.Count; j++) sample[at++] = group[rng.NextInt(group.Count)];
            yield return sample;
        }
    }

    /// <summary>
    /// Percentile interval of the replicate values: the (1−level)/2 and (1+level)/2 quantiles with linear
    /// interpolation between order statistics (NumPy's default). NaN replicates (statistic undefined on
    /// that resample) are dropped; if none remain the bounds are NaN.
    /// </summary>
    public static (double Lower, double Upper) PercentileInterval(IEnumerable<double> replicates, double level)
    {
        var v = replicates.Where(double.IsFinite).OrderBy(x => x).ToArray();
        if (v.Length == 0) return (double.NaN, double.NaN);
        double alpha = (1 - level) / 2;
        return (Quantile(v, alpha), Quantile(v, 1 - alpha));
    }

    /// <summary>Quantile of sorted values, linear interpolation at position q·(n−1).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double pos = q * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
