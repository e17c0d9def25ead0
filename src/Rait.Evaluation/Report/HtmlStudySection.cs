using System.Net;
using System.Text;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>The HTML "Seed study" section: paired differences with their t intervals and the papers' orderings with verdicts.</summary>
internal static class HtmlStudySection
{
    public const string Id = "seed-study";

    public static void Append(StringBuilder sb, StudyResult study)
    {
        sb.Append("<section id=\"").Append(Id).AppendLine("\"><h2>Seed study</h2>");
        if (!StudyTable.HasIntervals(study))
        {
            sb.Append("<p class=\"placeholder\">").Append(H(StudyTable.TooFewSeeds(study))).AppendLine("</p></section>");
            return;
        }
        Table(sb, StudyTable.DifferenceHeaders, StudyTable.DifferenceRows(study));
        sb.AppendLine("<h3 id=\"orderings\">Orderings from the papers</h3>");
        Table(sb, StudyTable.OrderingHeaders, StudyTable.OrderingRows(study), verdictColumn: 2, study.Orderings.Select(o => o.Verdict).ToList());
        sb.Append("<p class=\"note\">").Append(H(StudyTable.Explanation(study))).AppendLine("</p></section>");
    }

    private static void Table(StringBuilder sb, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
        int verdictColumn = -1, IReadOnlyList<OrderingVerdict>? verdicts = null)
    {
        sb.Append("<table class=\"methods\"><thead><tr>").Append(string.Concat(headers.Select(h => $"<th class=\"text\">{H(h)}</th>")))
          .AppendLine("</tr></thead><tbody>");
        int i = 0;
        foreach (var r in rows)
        {
            sb.Append("<tr>");
            for (int c = 0; c < r.Count; c++)
            {
                string cls = c == verdictColumn && verdicts is not null ? $" verdict-{verdicts[i].ToString().ToLowerInvariant()}" : "";
                sb.Append(c == 0 ? "<th scope=\"row\" class=\"text\">" : $"<td class=\"text{cls}\">").Append(H(r[c])).Append(c == 0 ? "</th>" : "</td>");
            }
            sb.AppendLine("</tr>");
            i++;
        }
        sb.AppendLine("</tbody></table>");
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
