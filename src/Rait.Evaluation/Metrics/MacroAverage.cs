using Rait.Core;

namespace Rait.Evaluation.Metrics;

/// <summary>Macro-averaged rates: compute Pc/Pw/Pr/fail-parse per subject, then take the unweighted mean.</summary>
/// <remarks>CRaFT <c>summarize_mmlu.py</c>: Pc and Pw are macro-averaged over the 57 MMLU subjects.</remarks>
public static class MacroAverage
{
    /// <summary>Groups row indices by <see cref="EvalRow.Subject"/>, in first-seen order.</summary>
    /// <exception cref="RaitException">A row has no subject.</exception>
    public static IReadOnlyList<int[]> SubjectGroups(IReadOnlyList<EvalRow> rows)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<List<int>>();
        for (int i = 0; i < rows.Count; i++)
        {
            var subject = rows[i].Subject
                ?? throw new RaitException($"item {rows[i].Id}: field subject is missing; macro averaging needs a subject on every item.");
            if (!groups.TryGetValue(subject, out var list)) { groups[subject] = list = []; order.Add(list); }
            list.Add(i);
        }
        return order.Select(l => l.ToArray()).ToList();
    }

    /// <summary>Unweighted mean over subjects of the per-subject rates.</summary>
    public static OutcomeRates Rates(IReadOnlyList<EvalRow> rows) =>
        Rates(rows, SubjectGroups(rows));

    /// <summary>Unweighted mean over the given groups of row indices (one group per subject).</summary>
    public static OutcomeRates Rates(IReadOnlyList<EvalRow> rows, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        if (groups.Count == 0) throw new ArgumentException("no subjects to average", nameof(groups));
        double c = 0, w = 0, r = 0, f = 0;
        int n = 0;
        foreach (var g in groups)
        {
            var s = OutcomeRates.Compute(rows, g);
            c += s.Correct; w += s.Wrong; r += s.Refused; f += s.FailParse; n += s.N;
        }
        int k = groups.Count;
        return new OutcomeRates(n, c / k, w / k, r / k, f / k);
    }
}
