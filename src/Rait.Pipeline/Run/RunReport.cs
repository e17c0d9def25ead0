using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Evaluation;
using Rait.Evaluation.Metrics;
using Rait.Evaluation.Report;
using Rait.Methods.Output;
using Rait.Pipeline.Eval;
using Rait.Training;

namespace Rait.Pipeline.Run;

/// <summary>
/// Turns a run's evaluations into the report input: one row per method and split (seeds aggregated into
/// mean ± 95% interval over seeds; a single seed keeps its bootstrap interval), the Init-Basic reference,
/// the base probe's μ-σ points with ground truth, loss curves, each method's training set and refusal rate by exposure.
/// </summary>
public static class RunReport
{
    public static ReportInput Build(string runName, IReadOnlyList<EvalOutcome> outcomes, string baseProbe, int knownExposure)
    {
        var results = outcomes.GroupBy(o => o.Method).SelectMany(g => Aggregate(g.ToList())).ToList();
        var basic = outcomes.First(o => o.Method == "Init-Basic");
        var probe = Jsonl.Read<ProbeRecord>(baseProbe);
        var seedScores = SeedScores(outcomes);
        var answers = outcomes.GroupBy(o => o.Method).Select(g => (g.Key, Jsonl.Read<EvalAnswer>(Path.Combine(g.First().Dir, Pipeline.Eval.EvalRunner.AnswersFile)))).ToList();
        return new ReportInput
        {
            RunName = runName,
            Results = results,
            References = basic.Results.Select(r => new ReferencePoint(r.Split, r.Method, r.Correct.Value, r.Wrong.Value)).ToList(),
            ProbePoints = probe.Where(p => p.Meta.Exposure is not null).Select(p => new ProbePoint(p.Mu, p.Sigma, p.Meta.Exposure >= knownExposure)).ToList(),
            LossCurves = outcomes.Where(o => o.TrainDir is not null && o.Seed == outcomes.Where(x => x.TrainDir is not null).Min(x => x.Seed))
                .Select(o => new LossCurve(o.Method, Jsonl.Read<TrainStepLog>(Path.Combine(o.TrainDir!, "train_log.jsonl")).Select(l => new LossPoint(l.Step, l.Loss)).ToList())).ToList(),
            TrainingSets = outcomes.Where(o => o.SetDir is not null).Select(TrainingSet).ToList(),
            ExposureBuckets = answers.SelectMany(a => a.Item2.GroupBy(x => x.Split)
                .SelectMany(s => RefusalByExposure.Compute(a.Key, s.Key, s.Select(x => x.ToRow()).ToList(), [0, 1, 2, 3, 5]))).ToList(),
            ProbeHistogram = ProbeHistogram.Of(probe.Select(p => (p.Mu, p.Sigma)), 10),
            SeedScores = seedScores,
            Study = seedScores.Count == 0 ? null : SeedStudy.Compute(seedScores, SeedStudy.PaperOrderings(
                MethodSetup.Name(PipelineMethod.Van), MethodSetup.Name(PipelineMethod.Cor), MethodSetup.Name(PipelineMethod.Craft), MethodSetup.Name(PipelineMethod.Grait),
                MethodSetup.Name(PipelineMethod.CorCer), MethodSetup.Name(PipelineMethod.CraftWithoutCertainty))),
        };
    }

    private static List<SeedScore> SeedScores(IReadOnlyList<EvalOutcome> outcomes) => outcomes
        .Where(o => o.Seed is not null)
        .SelectMany(o => o.Results.Select(r => new SeedScore(o.Method, r.Split, o.Seed!.Value, r.Ths?.Value, r.OverRefusal?.Value)))
        .ToList();

    private static TrainingSetSummary TrainingSet(EvalOutcome o)
    {
        var m = BuildManifest.Read(o.SetDir!);
        return new TrainingSetSummary
        {
            Method = o.Method, Seed = o.Seed, Rows = m.Summary.Rows, Refusals = m.Summary.Refusals, WeightSum = m.Summary.WeightSum,
            Selection = m.Candidates.Select(c => new SelectionCount(c.Key, c.Value)).ToList(),
            Shortfalls = m.Summary.Shortfalls.Select(f => new SelectionShortfall(f.Group, f.Asked, f.Available, f.Resampled)).ToList(),
        };
    }

    /// <summary>Mean over seeds with its 95% Student-t interval (t_{0.975, k−1} · sd / √k); one seed keeps its bootstrap interval.</summary>
    private static IEnumerable<MethodResult> Aggregate(IReadOnlyList<EvalOutcome> runs)
    {
        if (runs.Count == 1) { foreach (var r in runs[0].Results) yield return r; yield break; }
        foreach (var split in runs[0].Results.Select(r => r.Split))
        {
            var rs = runs.Select(o => o.Results.First(r => r.Split == split)).ToList();
            // Rates and AP/AUROC live in [0, 100]; THS is unbounded.
            Estimate Mean(Func<MethodResult, Estimate?> pick) => Clamp(Unbounded(pick));
            Estimate Clamp(Estimate e) => e with { Lower = Math.Max(0, e.Lower), Upper = Math.Min(100, e.Upper) };
            Estimate Unbounded(Func<MethodResult, Estimate?> pick) => SeedInterval.Of(rs.Select(pick).Where(e => e is not null).Select(e => e!.Value));
            Estimate? Opt(Func<MethodResult, Estimate?> pick) => rs.Any(r => pick(r) is not null) ? Mean(pick) : null;
            yield return rs[0] with
            {
                Correct = Mean(r => r.Correct), Wrong = Mean(r => r.Wrong), Refused = Mean(r => r.Refused), FailParse = Mean(r => r.FailParse),
                Ths = rs.Any(r => r.Ths is not null) ? Unbounded(r => r.Ths) : null, AveragePrecision = Opt(r => r.AveragePrecision), Auroc = Opt(r => r.Auroc),
                OverRefusal = Opt(r => r.OverRefusal), Hallucination = Opt(r => r.Hallucination), Replicates = runs.Count,
            };
        }
    }
}
