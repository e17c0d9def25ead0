using Rait.Evaluation.Metrics;
using Rait.Evaluation.Report;

namespace Rait.Evaluation.Tests.Report;

/// <summary>
/// A report input shaped like a real demo run: seven methods on ID and OOD splits (400 items each) with
/// bootstrap intervals, 300 probe points, three loss curves and exposure buckets. Outcomes are simulated
/// from a seeded generator: a fact is known with a probability that grows with its exposure, and each
/// method refuses known and unknown facts at its own rates.
/// </summary>
internal static class RealisticReport
{
    private sealed record Behaviour(string Method, double RefuseKnown, double RefuseUnknown);

    private static readonly Behaviour[] Behaviours =
    [
        new("Init-Basic", 0.00, 0.02), new("Init-Refuse", 0.10, 0.35), new("Van-Tuning", 0.00, 0.01),
        new("Cor-RAIT", 0.22, 0.75), new("R-Tuning", 0.18, 0.62), new("CRaFT", 0.10, 0.74), new("GRAIT", 0.07, 0.70),
    ];

    public static ReportInput Build(int items = 400, int replicates = 200)
    {
        var options = new EvaluationOptions { Bootstrap = new() { Replicates = replicates } };
        var results = new List<MethodResult>();
        var references = new List<ReferencePoint>();
        var buckets = new List<ExposureBucketRate>();
        foreach (var (split, knownShift) in new[] { ("ID", 0.0), ("OOD", -0.8) })
        {
            var rowsByMethod = Behaviours.ToDictionary(b => b.Method, b => Simulate(b, items, knownShift, split == "ID" ? 1.0 : 0.75, seed: 7));
            var reference = rowsByMethod["Init-Basic"];
            var e1 = OutcomeRates.Compute(reference);
            references.Add(new ReferencePoint(split, "Init-Basic", e1.Correct, e1.Wrong));
            foreach (var b in Behaviours)
            {
                results.Add(MethodEvaluator.Evaluate(b.Method, split, rowsByMethod[b.Method], reference, options));
                buckets.AddRange(RefusalByExposure.Compute(b.Method, split, rowsByMethod[b.Method], [0, 1, 3, 10]));
            }
        }
        var probePoints = ProbePoints(300, seed: 11);
        var seedScores = SeedScores(results, seeds: 5, seed: 13);
        return new ReportInput
        {
            RunName = "demo (synthetic world, seed 7)",
            ProbeHistogram = ProbeHistogram.Of(probePoints.Select(p => (p.Mu, p.Sigma)), 10),
            SeedScores = seedScores,
            Study = SeedStudy.Compute(seedScores, SeedStudy.PaperOrderings("Van-Tuning", "Cor-RAIT", "CRaFT", "GRAIT")),
            Results = results,
            References = references,
            ProbePoints = probePoints,
            LossCurves = [Loss("Van-Tuning", 2.1, 0.55, 1), Loss("Cor-RAIT", 2.3, 0.70, 2), Loss("CRaFT", 2.2, 0.62, 3)],
            ExposureBuckets = buckets,
        };
    }

    /// <summary>Per-seed THS and over-refusal scattered around each tuned method's result (a study of <paramref name="seeds"/> seeds).</summary>
    private static List<SeedScore> SeedScores(IReadOnlyList<MethodResult> results, int seeds, int seed)
    {
        var rng = new Random(seed);
        return (from s in Enumerable.Range(1, seeds)
                from r in results.Where(r => !r.Method.StartsWith("Init", StringComparison.Ordinal))
                select new SeedScore(r.Method, r.Split, s, r.Ths!.Value + 3 * Gaussian(rng), r.OverRefusal!.Value + 2 * Gaussian(rng))).ToList();
    }

    private static List<EvalRow> Simulate(Behaviour b, int items, double knownShift, double refusalTransfer, int seed)
    {
        // One generator per split for the items (shared by all methods, so rows pair by id) and one per method.
        var itemRng = new Random(seed);
        var methodRng = new Random(seed * 31 + b.Method.Sum(c => c));
        var rows = new List<EvalRow>(items);
        for (int i = 0; i < items; i++)
        {
            int exposure = (int)Math.Floor(Math.Pow(itemRng.NextDouble(), 2.5) * 25);
            bool known = itemRng.NextDouble() < 1 / (1 + Math.Exp(-(exposure - 3 + knownShift * 2) / 1.5));
            double refuse = known ? b.RefuseKnown : b.RefuseUnknown * refusalTransfer;
            Outcome outcome = methodRng.NextDouble() < refuse ? Outcome.Refused
                : methodRng.NextDouble() < (known ? 0.9 : 0.12) ? Outcome.Correct : Outcome.Wrong;
            double confidence = Math.Clamp((known ? 0.7 : 0.35) + 0.25 * (methodRng.NextDouble() - 0.5), 0, 1);
            rows.Add(new EvalRow { Id = $"q{i}", Outcome = outcome, Confidence = confidence, BaseKnown = known, Exposure = exposure });
        }
        return rows;
    }

    private static List<ProbePoint> ProbePoints(int count, int seed)
    {
        var rng = new Random(seed);
        var points = new List<ProbePoint>(count);
        for (int i = 0; i < count; i++)
        {
            bool known = rng.NextDouble() < 0.55;
            // μ is a share of 10 samples, σ a mean cosine similarity rounded to 0.01 (CRaFT §2.2).
            int correct = Math.Clamp((int)Math.Round((known ? 8.5 : 1.5) + 2.2 * Gaussian(rng)), 0, 10);
            double sigma = Math.Round(Math.Clamp((known ? 0.86 : 0.55) + 0.1 * Gaussian(rng), 0, 1), 2);
            points.Add(new ProbePoint(correct / 10.0, sigma, known));
        }
        return points;
    }

    private static LossCurve Loss(string method, double start, double floor, int seed)
    {
        var rng = new Random(seed);
        var points = Enumerable.Range(1, 150)
            .Select(s => new LossPoint(s, floor + (start - floor) * Math.Exp(-s / 30.0) + 0.06 * Gaussian(rng)))
            .ToList();
        return new LossCurve(method, points);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
