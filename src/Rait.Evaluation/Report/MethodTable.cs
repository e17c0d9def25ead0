using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>The method table shared by the HTML and Markdown reports: one block per split, one row per method.</summary>
public static class MethodTable
{
    /// <summary>Metric columns, in order (after Method and N).</summary>
    public static readonly IReadOnlyList<MethodColumn> Columns =
    [
        new("Pc %", true, "answered correctly", r => r.Correct),
        new("Pw %", false, "answered wrongly", r => r.Wrong),
        new("Pr %", null, "refused", r => r.Refused),
        new("Fail-parse %", false, "multiple-choice answer not parseable", r => r.FailParse),
        new("THS", true, "truthful helpfulness against the reference, in points", r => r.Ths),
        new("AP %", true, "average precision of the confidence score for correct answers", r => r.AveragePrecision),
        new("AUROC %", true, "area under the ROC curve of the same score", r => r.Auroc),
        new("Over-refusal %", false, "refused although the base model knew it", r => r.OverRefusal),
        new("Hallucination %", false, "answered wrongly on never-seen facts", r => r.Hallucination),
    ];

    /// <summary>Column headers, in order.</summary>
    public static IReadOnlyList<string> Headers => ["Method", "N", .. Columns.Select(c => c.Header)];

    /// <summary>Results grouped by split, in first-seen order.</summary>
    public static IEnumerable<IGrouping<string, MethodResult>> BySplit(ReportInput input) =>
        input.Results.GroupBy(r => r.Split);

    /// <summary>The N cell: item count, marked when rates are macro-averaged over subjects.</summary>
    public static string Count(MethodResult r) =>
        r.N.ToString(System.Globalization.CultureInfo.InvariantCulture) + (r.Macro ? " (macro)" : "");

    /// <summary>Formatted cells of one row ("n/a" for metrics the run could not compute).</summary>
    public static IReadOnlyList<string> Cells(MethodResult r) =>
        [r.Method, Count(r), .. Columns.Select(c => c.Value(r) is { } e ? e.Format() : "n/a")];
}
