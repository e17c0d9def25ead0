using Rait.Core;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation;

/// <summary>Turns the classified rows of one method on one split into a <see cref="MethodResult"/> with bootstrap intervals.</summary>
/// <remarks>
/// All metrics share the same resamples. THS uses the reference rows (Init-Basic): in
/// <see cref="ThsReferenceMode.Paired"/> mode the reference is aligned by item id and resampled with the
/// same indices; in <see cref="ThsReferenceMode.Fixed"/> mode E1 stays at its full-set value.
/// </remarks>
public static class MethodEvaluator
{
    /// <exception cref="RaitException">Invalid options, no rows, missing subjects, or a paired reference that misses items.</exception>
    public static MethodResult Evaluate(string method, string split, IReadOnlyList<EvalRow> rows,
        IReadOnlyList<EvalRow>? reference, EvaluationOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new RaitException("invalid evaluation options: " + string.Join(" ", errors));
        if (rows.Count == 0) throw new RaitException($"{method}/{split}: no evaluated items.");
        var ctx = new Context(rows, options, Align(method, split, rows, reference, options.ThsReference));
        var all = Enumerable.Range(0, rows.Count).ToArray();
        var point = ctx.Statistics(all);
        var reps = Bootstrap.Resamples(rows.Count, options.Bootstrap, options.MacroBySubject ? MacroAverage.SubjectGroups(rows) : null)
            .Select(ctx.Statistics).ToList();
        Estimate E(Func<double[], double> pick) =>
            Interval(pick(point), reps.Select(pick), options.Bootstrap.Level, options.Bootstrap.Replicates);
        Estimate? Opt(bool available, Func<double[], double> pick) => available ? E(pick) : null;
        return new MethodResult
        {
            Method = method, Split = split, N = rows.Count, Macro = options.MacroBySubject,
            Correct = E(s => s[0]), Wrong = E(s => s[1]), Refused = E(s => s[2]), FailParse = E(s => s[3]),
            Ths = Opt(reference is not null, s => s[4]),
            AveragePrecision = Opt(ctx.HasConfidence, s => s[5]),
            Auroc = Opt(ctx.HasConfidence, s => s[6]),
            OverRefusal = Opt(Metrics.OverRefusal.IsAvailable(rows), s => s[7]),
            Hallucination = Opt(Metrics.Hallucination.IsAvailable(rows), s => s[8]),
            Replicates = options.Bootstrap.Replicates,
        };
    }

    private static Estimate Interval(double value, IEnumerable<double> replicates, double level, int count)
    {
        if (count == 0) return new Estimate(value, double.NaN, double.NaN);
        var (lo, hi) = Bootstrap.PercentileInterval(replicates, level);
        return new Estimate(value, lo, hi);
    }

    /// <summary>Paired mode: reference rows reordered to match <paramref name="rows"/> by id. Fixed mode: as given.</summary>
    private static IReadOnlyList<EvalRow>? Align(string method, string split, IReadOnlyList<EvalRow> rows,
        IReadOnlyList<EvalRow>? reference, ThsReferenceMode mode)
    {
        if (reference is null) return null;
        if (reference.Count == 0) throw new RaitException($"{method}/{split}: THS reference has no items.");
        if (mode == ThsReferenceMode.Fixed) return reference;
        var byId = new Dictionary<string, EvalRow>(StringComparer.Ordinal);
        foreach (var r in reference)
            if (!byId.TryAdd(r.Id, r)) throw new RaitException($"{method}/{split}: THS reference lists item {r.Id} twice.");
        if (byId.Count != rows.Count)
            throw new RaitException($"{method}/{split}: paired THS needs the same items; reference has {byId.Count}, evaluated run has {rows.Count} (use ths_reference = \"fixed\").");
        return rows.Select(r => byId.TryGetValue(r.Id, out var m) ? m
            : throw new RaitException($"{method}/{split}: item {r.Id} is missing from the THS reference (use ths_reference = \"fixed\").")).ToList();
    }

    /// <summary>Computes the statistic vector [Pc, Pw, Pr, FP, THS, AP, AUROC, over-refusal, hallucination] for one index set.</summary>
    private sealed class Context(IReadOnlyList<EvalRow> rows, EvaluationOptions options, IReadOnlyList<EvalRow>? reference)
    {
        private readonly OutcomeRates? _fixedReference = reference is not null && options.ThsReference == ThsReferenceMode.Fixed
            ? Rates(reference, Enumerable.Range(0, reference.Count).ToArray(), reference, options.MacroBySubject) : null;

        public bool HasConfidence { get; } = rows.Any(r => r.Confidence.HasValue);

        public double[] Statistics(int[] idx)
        {
            var rates = Rates(rows, idx, rows, options.MacroBySubject);
            double ths = double.NaN;
            if (reference is not null)
            {
                // Paired: the aligned reference shares indices and (evaluated rows') subjects.
                var e1 = _fixedReference ?? Rates(reference, idx, rows, options.MacroBySubject);
                ths = Ths.Compute(rates.Correct, rates.Wrong, e1.Correct, e1.Wrong);
            }
            var (ap, auroc) = HasConfidence ? ScoreMetrics(idx) : (double.NaN, double.NaN);
            return [rates.Correct, rates.Wrong, rates.Refused, rates.FailParse, ths, ap, auroc,
                Metrics.OverRefusal.Compute(rows, idx), Metrics.Hallucination.Compute(rows, idx)];
        }

        private (double, double) ScoreMetrics(int[] idx)
        {
            var scored = idx.Where(i => rows[i].Confidence.HasValue).ToArray();
            var scores = scored.Select(i => rows[i].Confidence!.Value).ToArray();
            var correct = scored.Select(i => rows[i].Outcome == Outcome.Correct).ToArray();
            return (100 * AveragePrecision.Compute(scores, correct), 100 * Metrics.Auroc.Compute(scores, correct));
        }

        private static OutcomeRates Rates(IReadOnlyList<EvalRow> data, int[] idx, IReadOnlyList<EvalRow> subjects, bool macro)
        {
            if (!macro) return OutcomeRates.Compute(data, idx);
            var groups = idx.GroupBy(i => subjects[i].Subject
                    ?? throw new RaitException($"item {subjects[i].Id}: field subject is missing; macro averaging needs a subject on every item."))
                .Select(g => (IReadOnlyList<int>)g.ToArray()).ToList();
            return MacroAverage.Rates(data, groups);
        }
    }
}
