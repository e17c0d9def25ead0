using ScottPlot;

namespace Rait.Evaluation.Report;

/// <summary>The seed study's paired differences: one row per comparison, one marker per split at the mean, whiskers to the
/// 95% t interval. Horizontal, so the comparisons' long names fit as y tick labels.</summary>
public static class PairedDifferencesPlot
{
    private const int Width = 860, RowHeight = 46, Chrome = 110;

    public static ReportPlot Render(ReportInput input)
    {
        const string title = "Paired differences over seeds";
        if (input.Study is not { } study || study.Differences.Count == 0) return new ReportPlot(title, null, "No seeded methods to compare.");
        if (study.Seeds < 2) return new ReportPlot(title, null, StudyTable.TooFewSeeds(study));
        var plot = PlotStyle.NewPlot("difference (points)", "");
        var labels = study.Differences.Select(d => d.Comparison.Label).Distinct().ToList();
        var splits = study.Differences.Select(d => d.Split).Distinct().ToList();
        // First comparison on top; splits side by side within a row.
        double Position(string label, string split) => (labels.Count - 1 - labels.IndexOf(label)) + 0.3 * (splits.IndexOf(split) - (splits.Count - 1) / 2.0) / Math.Max(1, splits.Count - 1);
        for (int si = 0; si < splits.Count; si++)
        {
            var ds = study.Differences.Where(d => d.Split == splits[si] && double.IsFinite(d.Mean.Value)).ToList();
            if (ds.Count == 0) continue;
            var colour = PlotStyle.SplitColours[si % PlotStyle.SplitColours.Length];
            var xs = ds.Select(d => d.Mean.Value).ToList();
            var ys = ds.Select(d => Position(d.Comparison.Label, d.Split)).ToList();
            var whiskers = plot.Add.ErrorBar(xs, ys, ds.Select(_ => 0.0).ToList());
            whiskers.XErrorPositive = ds.Select(d => d.Mean.Upper - d.Mean.Value).ToList();
            whiskers.XErrorNegative = ds.Select(d => d.Mean.Value - d.Mean.Lower).ToList();
            whiskers.Color = colour;
            whiskers.CapSize = 6;
            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 9, colour);
            markers.LegendText = splits[si];
        }
        var zero = plot.Add.VerticalLine(0, 1, Color.FromHex("#444444"));
        zero.LegendText = "";
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            labels.Select((l, i) => new Tick(labels.Count - 1 - i, l)).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(-0.6, labels.Count - 0.4);
        PlotStyle.LegendRight(plot);
        return new ReportPlot(title, PlotStyle.Svg(plot, Width, Chrome + RowHeight * labels.Count),
            $"Mean over {study.Seeds} seeds of each per-seed difference; whiskers: 95% Student-t interval ({study.Seeds - 1} "
            + (study.Seeds == 2 ? "degree" : "degrees") + " of freedom). A whisker that does not cross the 0 line is a resolved difference.");
    }
}
