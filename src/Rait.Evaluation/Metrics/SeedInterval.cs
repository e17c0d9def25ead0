namespace Rait.Evaluation.Metrics;

/// <summary>Mean over seeds with its two-sided 95% Student-t interval: x̄ ± t_{0.975, n−1} · s / √n.</summary>
public static class SeedInterval
{
    /// <summary>The mean of the finite values with its interval; fewer than 2 values give NaN bounds (no interval).</summary>
    public static Estimate Of(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToList();
        if (v.Count == 0) return new Estimate(double.NaN, double.NaN, double.NaN);
        double m = v.Average();
        if (v.Count < 2) return new Estimate(m, double.NaN, double.NaN);
        double sd = Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1));
        double h = StudentT.Critical95(v.Count - 1) * sd / Math.Sqrt(v.Count);
        return new Estimate(m, m - h, m + h);
    }
}
