using Rait.Core.Records;

namespace Rait.Probing.Output;

/// <summary>Computes a <see cref="ProbeSummary"/> from finished rows.</summary>
public static class ProbeSummaryBuilder
{
    public static ProbeSummary Build(IReadOnlyList<ProbeRecord> rows, IReadOnlyList<int> exposureThresholds, double muThreshold = 0.5)
    {
        var bins = Enumerable.Range(0, 10).Select(b => new HistogramBin(b / 10.0, (b + 1) / 10.0,
            rows.Count(r => Math.Min(9, (int)Math.Floor(r.Mu * 10 + 1e-9)) == b))).ToList();
        var quadrants = rows.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => Quadrants(g.ToList(), muThreshold)).ToList();
        var exposed = rows.Where(r => r.Meta.Exposure is not null).ToList();
        return new ProbeSummary
        {
            Count = rows.Count,
            MeanMu = rows.Count == 0 ? 0 : rows.Average(r => r.Mu),
            MuHistogram = bins,
            Quadrants = quadrants,
            ExposureBuckets = exposed.Count == 0 ? null : Buckets(exposed),
            ExposureAuroc = exposed.Count == 0 ? null : exposureThresholds.Select(k =>
            {
                var labels = exposed.Select(r => r.Meta.Exposure!.Value >= k).ToList();
                return new ExposureAuroc(k, labels.Count(l => l), labels.Count(l => !l),
                    AurocOrNull(exposed.Select(r => r.Sigma).ToList(), labels), AurocOrNull(exposed.Select(r => r.Mu).ToList(), labels));
            }).ToList(),
        };
    }

    /// <summary>The evaluation metric's AUROC (mid-rank ties), null when a class is empty.</summary>
    private static double? AurocOrNull(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        double a = Evaluation.Metrics.Auroc.Compute(scores, positive);
        return double.IsNaN(a) ? null : a;
    }

    private static QuadrantCounts Quadrants(IReadOnlyList<ProbeRecord> rows, double muThreshold)
    {
        var sorted = rows.Select(r => r.Sigma).Order().ToList();
        double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        int Count(bool hiMu, bool hiSigma) => rows.Count(r => (r.Mu >= muThreshold) == hiMu && (r.Sigma >= median) == hiSigma);
        return new QuadrantCounts(rows[0].Kind == QuestionKind.Open ? "open" : "multiple_choice", muThreshold, median,
            Count(true, true), Count(true, false), Count(false, true), Count(false, false));
    }

    /// <summary>Buckets 0, 1, 2-3, 4-7, 8-15, ...: exposure effects are roughly logarithmic.</summary>
    private static IReadOnlyList<ExposureBucket> Buckets(IReadOnlyList<ProbeRecord> rows)
    {
        var result = new List<ExposureBucket>();
        int max = rows.Max(r => r.Meta.Exposure!.Value);
        for (int lo = 0; lo <= max; lo = lo == 0 ? 1 : lo * 2)
        {
            int hi = lo == 0 ? 0 : lo * 2 - 1;
            var inBucket = rows.Where(r => r.Meta.Exposure >= lo && r.Meta.Exposure <= hi).ToList();
            if (inBucket.Count > 0)
                result.Add(new ExposureBucket(lo, hi, inBucket.Count, inBucket.Average(r => r.Mu), inBucket.Average(r => r.Sigma)));
        }
        return result;
    }
}
