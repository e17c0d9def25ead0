using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Rait.Evaluation.Report;

/// <summary>Renders the self-contained HTML report: inline CSS and SVG only, no scripts, no external resources.</summary>
public static partial class HtmlReport
{
    public static string Render(ReportInput input, IReadOnlyList<ReportPlot> plots)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append("<title>RAIT report: ").Append(H(input.RunName)).AppendLine("</title>");
        sb.AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin-bottom:1.5em}"
            + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}"
            + "figure{margin:1.5em 0}figcaption{color:#555;font-size:90%}</style></head><body>");
        sb.Append("<h1>RAIT report: ").Append(H(input.RunName)).AppendLine("</h1>");
        sb.AppendLine("<p>Values in %, THS in points; brackets: 95% bootstrap interval.</p>");
        foreach (var split in MethodTable.BySplit(input))
        {
            sb.Append("<h2>").Append(H(split.Key)).AppendLine("</h2><table><thead><tr>");
            foreach (var h in MethodTable.Headers) sb.Append("<th>").Append(H(h)).Append("</th>");
            sb.AppendLine("</tr></thead><tbody>");
            foreach (var r in split)
            {
                sb.Append("<tr>");
                foreach (var c in MethodTable.Cells(r)) sb.Append("<td>").Append(H(c)).Append("</td>");
                sb.AppendLine("</tr>");
            }
            sb.AppendLine("</tbody></table>");
        }
        sb.AppendLine("<h2>Figures</h2>");
        for (int i = 0; i < plots.Count; i++)
        {
            var p = plots[i];
            sb.Append("<figure><h3>").Append(H(p.Title)).AppendLine("</h3>");
            sb.AppendLine(p.Svg is null ? "<p><em>Not available.</em></p>" : Namespaced(p.Svg, $"fig{i}_"));
            sb.Append("<figcaption>").Append(H(p.Caption)).AppendLine("</figcaption></figure>");
        }
        sb.AppendLine("</body></html>");
        return sb.ToString();
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Prefixes element ids and their references so several inline SVGs can share one page.</summary>
    private static string Namespaced(string svg, string prefix)
    {
        svg = IdAttribute().Replace(svg, m => $"id=\"{prefix}{m.Groups[1].Value}\"");
        return svg.Replace("url(#", "url(#" + prefix, StringComparison.Ordinal)
                  .Replace("href=\"#", "href=\"#" + prefix, StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();
}
