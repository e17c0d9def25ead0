using ScottPlot;

namespace Rait.Evaluation.Report;

/// <summary>THS per method as bars grouped by method, one bar per split, with asymmetric 95% interval whiskers.</summary>
public static class ThsBarsPlot
{
    private const int Width = 860, Height = 440;

    public static ReportPlot Render(ReportInput input)
    {
        const string title = "THS by method";
        var rows = input.Results.Where(r => r.Ths is not null && double.IsFinite(r.Ths.Value)).ToList();
        if (rows.Count == 0) return new ReportPlot(title, null, "No THS values (no reference run).");
        var plot = PlotStyle.NewPlot("", "THS (points)");
        var splits = rows.Select(r => r.Split).Distinct().ToList();
        var methods = rows.Select(r => r.Method).Distinct().ToList();
        double Position(string method, string split) => methods.IndexOf(method) * (splits.Count + 1) + splits.IndexOf(split);
        var bars = rows.Select(r => new Bar
        {
            Position = Position(r.Method, r.Split),
            Value = r.Ths!.Value,
            FillColor = PlotStyle.SplitColours[splits.IndexOf(r.Split) % PlotStyle.SplitColours.Length],
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars);
        var withInterval = rows.Where(r => double.IsFinite(r.Ths!.Lower)).ToList();
        if (withInterval.Count > 0)
        {
            var whiskers = plot.Add.ErrorBar(
                withInterval.Select(r => Position(r.Method, r.Split)).ToList(),
                withInterval.Select(r => r.Ths!.Value).ToList(),
                withInterval.Select(r => r.Ths!.Upper - r.Ths.Value).ToList());
            whiskers.YErrorNegative = withInterval.Select(r => r.Ths!.Value - r.Ths.Lower).ToList();
            whiskers.Color = Color.FromHex("#222222");
            whiskers.CapSize = 5;
        }
        var zero = plot.Add.HorizontalLine(0, 1, Color.FromHex("#444444"));
        zero.LegendText = "";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            methods.Select((m, i) => new Tick(i * (splits.Count + 1) + (splits.Count - 1) / 2.0, m)).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0.05, top: 0.1);
        plot.Legend.ManualItems.AddRange(splits.Select((s, i) => new LegendItem
        {
            LabelText = s, FillColor = PlotStyle.SplitColours[i % PlotStyle.SplitColours.Length],
        }));
        PlotStyle.LegendRight(plot);
        return new ReportPlot(title, PlotStyle.Svg(plot, Width, Height),
            "THS of each method against the reference on the same split (0 for the reference itself); whiskers: 95% bootstrap interval. Higher is better.");
    }
}
