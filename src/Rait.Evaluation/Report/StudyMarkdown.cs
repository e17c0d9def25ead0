using System.Text;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>The Markdown "Seed study" section: paired differences and the papers' orderings.</summary>
internal static class StudyMarkdown
{
    public static void Append(StringBuilder sb, StudyResult? study)
    {
        if (study is null) return;
        sb.AppendLine().AppendLine("## Seed study").AppendLine();
        if (!StudyTable.HasIntervals(study)) { sb.AppendLine(StudyTable.TooFewSeeds(study)); return; }
        sb.AppendLine(StudyTable.Explanation(study)).AppendLine();
        Table(sb, StudyTable.DifferenceHeaders, StudyTable.DifferenceRows(study));
        sb.AppendLine().AppendLine("### Orderings from the papers").AppendLine();
        Table(sb, StudyTable.OrderingHeaders, StudyTable.OrderingRows(study));
    }

    private static void Table(StringBuilder sb, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("| ").Append(string.Join(" | ", headers)).AppendLine(" |");
        sb.Append('|').Append(string.Concat(headers.Select(_ => " --- |"))).AppendLine();
        foreach (var r in rows) sb.Append("| ").Append(string.Join(" | ", r.Select(MarkdownReport.Escape))).AppendLine(" |");
    }
}
