using System.Net;
using System.Text;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>
/// The method table of one split as HTML: value with its interval below it, the best value per column marked,
/// the reference row set apart, and columns without any value on this split left out (named in a note).
/// </summary>
internal static class HtmlMethodTable
{
    public static void Append(StringBuilder sb, string split, IReadOnlyList<MethodResult> rows, string? referenceMethod)
    {
        var shown = MethodTable.Columns.Where(c => rows.Any(r => c.Value(r) is { } e && double.IsFinite(e.Value))).ToList();
        var empty = MethodTable.Columns.Except(shown).Select(c => c.Header).ToList();
        // Fail-parse only happens on multiple-choice data; a column of zeros is noise.
        bool noFailParse = rows.All(r => r.FailParse.Value == 0);
        if (noFailParse) shown.RemoveAll(c => c.Header.StartsWith("Fail-parse", StringComparison.Ordinal));

        sb.Append("<table class=\"methods\"><caption>").Append(H(split)).Append(" — ")
          .Append(rows.Count).Append(rows.Count == 1 ? " method" : " methods").AppendLine("</caption><thead><tr><th>Method</th><th>N</th>");
        foreach (var c in shown)
            sb.Append("<th title=\"").Append(H(c.Definition)).Append("\">").Append(H(c.Header))
              .Append(c.HigherIsBetter switch { true => " <span class=\"dir\">↑</span>", false => " <span class=\"dir\">↓</span>", null => "" }).Append("</th>");
        sb.AppendLine("</tr></thead><tbody>");
        foreach (var r in rows)
        {
            bool isReference = r.Method == referenceMethod;
            sb.Append(isReference ? "<tr class=\"reference\">" : "<tr>")
              .Append("<th scope=\"row\">").Append(H(r.Method)).Append(isReference ? " <span class=\"tag\">reference</span>" : "")
              .Append("</th><td>").Append(H(MethodTable.Count(r))).Append("</td>");
            foreach (var c in shown) AppendCell(sb, c, r, rows);
            sb.AppendLine("</tr>");
        }
        sb.AppendLine("</tbody></table>");
        var notes = new List<string>();
        if (empty.Count > 0) notes.Add("no values on this split for " + string.Join(", ", empty));
        if (noFailParse && !empty.Any(h => h.StartsWith("Fail-parse", StringComparison.Ordinal))) notes.Add("fail-parse is 0 for every method");
        if (notes.Count > 0) sb.Append("<p class=\"note\">Columns not shown: ").Append(H(string.Join("; ", notes))).AppendLine(".</p>");
    }

    private static void AppendCell(StringBuilder sb, MethodColumn column, MethodResult row, IReadOnlyList<MethodResult> rows)
    {
        var e = column.Value(row);
        if (e is null || !double.IsFinite(e.Value))
        {
            sb.Append("<td class=\"na\">n/a</td>");
            return;
        }
        if (column.HigherIsBetter is not bool higher)
        {
            sb.Append("<td>").Append(F(e.Value));
            AppendInterval(sb, e);
            return;
        }
        var values = rows.Select(r => column.Value(r)?.Value ?? double.NaN).Where(double.IsFinite).ToList();
        double best = higher ? values.Max() : values.Min();
        sb.Append(e.Value == best && values.Count > 1 ? "<td class=\"best\">" : "<td>")
          .Append(F(e.Value));
        AppendInterval(sb, e);
    }

    private static void AppendInterval(StringBuilder sb, Estimate e)
    {
        if (double.IsFinite(e.Lower)) sb.Append("<span class=\"ci\">").Append(F(e.Lower)).Append(" – ").Append(F(e.Upper)).Append("</span>");
        sb.Append("</td>");
    }

    private static string F(double x) => x.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
