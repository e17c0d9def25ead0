using System.Globalization;

namespace Rait.Evaluation.Report;

/// <summary>Renders the Markdown summary: method tables per split (values with 95% bootstrap intervals).</summary>
public static class MarkdownReport
{
    public static string Render(ReportInput input)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("# RAIT report: ").AppendLine(Escape(input.RunName)).AppendLine();
        sb.AppendLine("Pc/Pw/Pr: answered correctly / wrongly / refused. THS = Pc − Pw·Pc1/Pw1 against the reference (Pc1, Pw1), "
            + "higher is better. Over-refusal: refused although the base model knew it. Hallucination: answered wrongly on never-seen facts.").AppendLine();
        sb.AppendLine("Values in %, THS in points; brackets: " + HtmlReport.IntervalText(input) + ". THS reference: "
            + (input.References.Count == 0 ? "none." : string.Join(", ", input.References.Select(r => $"{r.Method} on {r.Split} (Pc {r.Correct:F1}, Pw {r.Wrong:F1})")) + "."));
        foreach (var split in MethodTable.BySplit(input))
        {
            sb.AppendLine().Append("## ").AppendLine(Escape(split.Key)).AppendLine();
            sb.Append("| ").Append(string.Join(" | ", MethodTable.Headers)).AppendLine(" |");
            sb.Append('|').Append(string.Concat(MethodTable.Headers.Select(_ => " --- |"))).AppendLine();
            foreach (var r in split)
                sb.Append("| ").Append(string.Join(" | ", MethodTable.Cells(r).Select(Escape))).AppendLine(" |");
        }
        if (input.TrainingSets.Count > 0)
        {
            sb.AppendLine().AppendLine("## Training sets").AppendLine();
            sb.AppendLine("| Method | Seed | Rows | Refusal rows | Weight sum | Selection | Shortfall |").AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var t in input.TrainingSets)
                sb.Append("| ").Append(Escape(t.Method)).Append(" | ").Append(t.Seed?.ToString(CultureInfo.InvariantCulture) ?? "")
                  .Append(" | ").Append(t.Rows).Append(" | ").Append(t.Refusals).Append(" (").Append(t.RefusalShare.ToString("F1", CultureInfo.InvariantCulture))
                  .Append("%) | ").Append(t.WeightSum.ToString("F1", CultureInfo.InvariantCulture)).Append(" | ").Append(Escape(t.SelectionText))
                  .Append(" | ").Append(Escape(t.ShortfallText)).AppendLine(" |");
        }
        StudyMarkdown.Append(sb, input.Study);
        return sb.ToString();
    }

    internal static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
