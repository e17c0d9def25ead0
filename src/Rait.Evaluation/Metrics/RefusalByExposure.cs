namespace Rait.Evaluation.Metrics;

/// <summary>Refusal rate (%) per exposure bucket: how often the model refuses facts it saw k times in pretraining.</summary>
public static class RefusalByExposure
{
    /// <summary>
    /// Buckets are [edges[i], edges[i+1]) and a last open bucket [edges[^1], ∞); edges must be strictly
    /// increasing and start at 0 (e.g. 0, 1, 3, 10 gives 0, 1-2, 3-9, 10+). Rows without exposure are skipped.
    /// </summary>
    public static IReadOnlyList<ExposureBucketRate> Compute(string method, string split, IReadOnlyList<EvalRow> rows, IReadOnlyList<int> edges)
    {
        if (edges.Count == 0 || edges[0] != 0) throw new ArgumentException("edges must start at 0", nameof(edges));
        for (int i = 1; i < edges.Count; i++)
            if (edges[i] <= edges[i - 1]) throw new ArgumentException("edges must be strictly increasing", nameof(edges));
        var result = new List<ExposureBucketRate>();
        for (int b = 0; b < edges.Count; b++)
        {
            int lo = edges[b];
            int? hi = b + 1 < edges.Count ? edges[b + 1] - 1 : null;
            var inBucket = rows.Where(r => r.Exposure is int e && e >= lo && (hi is null || e <= hi)).ToList();
            int refused = inBucket.Count(r => r.Outcome == Outcome.Refused);
            double rate = inBucket.Count == 0 ? double.NaN : 100.0 * refused / inBucket.Count;
            result.Add(new ExposureBucketRate(method, split, lo, hi, inBucket.Count, rate));
        }
        return result;
    }
}
