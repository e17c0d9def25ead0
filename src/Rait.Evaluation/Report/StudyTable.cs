using System.Globalization;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>The seed study's tables as plain cells, shared by the HTML and Markdown reports.</summary>
public static class StudyTable
{
    public static IReadOnlyList<string> DifferenceHeaders => ["Difference", "Split", "Per seed", "Mean [95% t interval]"];
    public static IReadOnlyList<string> OrderingHeaders => ["Ordering from the papers", "Split", "On this run"];

    /// <summary>Whether the run has enough seeds for intervals; otherwise <see cref="TooFewSeeds"/> replaces the tables.</summary>
    public static bool HasIntervals(StudyResult study) => study.Seeds >= 2;

    public static string TooFewSeeds(StudyResult study) =>
        $"A study needs at least 2 seeds (this run has {study.Seeds}): run with --seeds N, N ≥ 2, for intervals of the paired differences and verdicts on the orderings.";

    public static string Explanation(StudyResult study) =>
        $"Per seed, the difference of two methods trained and evaluated with that seed; mean over the {study.Seeds} seeds with a two-sided 95% "
        + $"Student-t interval (t with {study.Seeds - 1} degree{(study.Seeds == 2 ? "" : "s")} of freedom). An ordering holds when the interval of each of its differences lies "
        + "entirely on the expected side of 0, is not resolved when an interval contains 0, and is reversed when an interval lies entirely on the other side.";

    public static IEnumerable<IReadOnlyList<string>> DifferenceRows(StudyResult study) => study.Differences.Select(d => (IReadOnlyList<string>)
    [
        d.Comparison.Label, d.Split, string.Join(", ", d.Values.Select(v => v.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture))), d.Mean.Format(),
    ]);

    public static IEnumerable<IReadOnlyList<string>> OrderingRows(StudyResult study) =>
        study.Orderings.Select(o => (IReadOnlyList<string>)[o.Statement, o.Split, VerdictText(o.Verdict)]);

    public static string VerdictText(OrderingVerdict v) => v switch
    {
        OrderingVerdict.Holds => "holds",
        OrderingVerdict.NotResolved => "not resolved (an interval contains 0)",
        OrderingVerdict.Reversed => "reversed",
        OrderingVerdict.NeedsSeeds => "needs ≥ 2 seeds",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };
}
