using ScottPlot;

namespace Rait.Evaluation.Report;

/// <summary>The seed study's paired differences: one marker per comparison and split at the mean, whiskers to the 95% t interval.</summary>
public static class PairedDifferencesPlot
{
    private const int Width = 860, Height = 480;

    public static ReportPlot Render(ReportInput input)
    {
        const string title = "Paired differences over seeds";
        if (input.Study is not { } study || study.Differences.Count == 0) return new ReportPlot(title, null, "No seeded methods to compare.");
        if (study.Seeds < 2) return new ReportPlot(title, null, StudyTable.TooFewSeeds(study));
        var plot = PlotStyle.NewPlot("", "difference (points)");
        var labels = study.Differences.Select(d => d.Comparison.Label).Distinct().ToList();
        var splits = study.Differences.Select(d => d.Split).Distinct().ToList();
        double Position(string label, string split) => labels.IndexOf(label) * (splits.Count + 1) + splits.IndexOf(split);
        for (int si = 0; si < splits.Count; si++)
        {
            var ds = study.Differences.Where(d => d.Split == splits[si] && double.IsFinite(d.Mean.Value)).ToList();
            if (ds.Count == 0) continue;
            var colour = PlotStyle.SplitColours[si % PlotStyle.SplitColours.Length];
            var xs = ds.Select(d => Position(d.Comparison.Label, d.Split)).ToList();
            var ys = ds.Select(d => d.Mean.Value).ToList();
            var whiskers = plot.Add.ErrorBar(xs, ys, ds.Select(d => d.Mean.Upper - d.Mean.Value).ToList());
            whiskers.YErrorNegative = ds.Select(d => d.Mean.Value - d.Mean.Lower).ToList();
            whiskers.Color = colour;
            whiskers.CapSize = 6;
            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 9, colour);
            markers.LegendText = splits[si];
        }
        var zero = plot.Add.HorizontalLine(0, 1, Color.FromHex("#444444"));
        zero.LegendText = "";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            labels.Select((l, i) => new Tick(i * (splits.Count + 1) + (splits.Count - 1) / 2.0, Wrap(l))).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0.05, right: 0.05, bottom: 0.1, top: 0.1);
        PlotStyle.LegendRight(plot);
        return new ReportPlot(title, PlotStyle.Svg(plot, Width, Height),
            $"Mean over {study.Seeds} seeds of each per-seed difference; whiskers: 95% Student-t interval ({study.Seeds - 1} degrees of freedom). "
            + "A whisker that does not cross the 0 line is a resolved difference.");
    }

    // Tick labels are long; breaking at the minus keeps them from overlapping.
    private static string Wrap(string label) => label.Replace(" − ", "\n− ", StringComparison.Ordinal);
}
