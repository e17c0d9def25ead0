using System.Globalization;
using System.Net;
using System.Text;

namespace Rait.Evaluation.Report;

/// <summary>The "Training sets" table: per method, the rows it fine-tuned on, the refusal rows among them and its own
/// selection counts, so a method's results can be read against what it was taught.</summary>
internal static class HtmlTrainingSetTable
{
    public static void Append(StringBuilder sb, IReadOnlyList<TrainingSetSummary> sets)
    {
        bool seeds = sets.Select(s => s.Seed).Distinct().Count() > 1;
        bool weighted = sets.Any(s => Math.Abs(s.WeightSum - s.Rows) > 1e-9);
        sb.AppendLine("<section id=\"training-sets\"><h2>Training sets</h2>")
          .Append("<table class=\"methods\"><thead><tr><th>Method</th>").Append(seeds ? "<th>Seed</th>" : "")
          .Append("<th>Rows</th><th>Refusal rows</th>").Append(weighted ? "<th title=\"Σ of the per-sample loss weights\">Weight sum</th>" : "")
          .AppendLine("<th class=\"text\">Selection</th><th class=\"text\">Shortfall</th></tr></thead><tbody>");
        foreach (var s in sets)
        {
            sb.Append("<tr><th scope=\"row\">").Append(H(s.Method)).Append("</th>")
              .Append(seeds ? $"<td>{s.Seed}</td>" : "")
              .Append("<td>").Append(s.Rows).Append("</td><td>").Append(s.Refusals)
              .Append(" <span class=\"ci\">(").Append(s.RefusalShare.ToString("F1", CultureInfo.InvariantCulture)).Append("%)</span></td>")
              .Append(weighted ? $"<td>{s.WeightSum.ToString("F1", CultureInfo.InvariantCulture)}</td>" : "")
              .Append("<td class=\"text\">").Append(H(s.SelectionText)).Append("</td><td class=\"text\">").Append(H(s.ShortfallText)).AppendLine("</td></tr>");
        }
        sb.AppendLine("</tbody></table>")
          .AppendLine("<p class=\"note\">What each method fine-tuned on. Selection: the method's own candidate counts from the set's "
            + "manifest.json (for CRaFT, the unknown questions before and after the knowledge-flow filter). Shortfall: a group with fewer "
            + "candidates than its share of the set; every candidate is used once and the rest is drawn again with replacement (seeded), "
            + "so all methods train on the same number of rows.</p></section>");
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
