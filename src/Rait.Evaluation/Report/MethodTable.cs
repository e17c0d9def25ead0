using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>The method table shared by the HTML and Markdown reports: one block per split, one row per method.</summary>
public static class MethodTable
{
    /// <summary>Column headers, in order.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["Method", "N", "Pc %", "Pw %", "Pr %", "Fail-parse %", "THS", "AP %", "AUROC %", "Over-refusal %", "Hallucination %"];

    /// <summary>Results grouped by split, in first-seen order.</summary>
    public static IEnumerable<IGrouping<string, MethodResult>> BySplit(ReportInput input) =>
        input.Results.GroupBy(r => r.Split);

    /// <summary>Formatted cells of one row ("n/a" for metrics the run could not compute).</summary>
    public static IReadOnlyList<string> Cells(MethodResult r)
    {
        static string O(Estimate? e) => e is null ? "n/a" : e.Format();
        return [r.Method, r.N.ToString(System.Globalization.CultureInfo.InvariantCulture) + (r.Macro ? " (macro)" : ""),
            r.Correct.Format(), r.Wrong.Format(), r.Refused.Format(), r.FailParse.Format(),
            O(r.Ths), O(r.AveragePrecision), O(r.Auroc), O(r.OverRefusal), O(r.Hallucination)];
    }
}
