using ScottPlot;

namespace Rait.Evaluation.Report;

/// <summary>Refusal rate per pretraining-exposure bucket on one split, one line per method.</summary>
public static class ExposurePlot
{
    private const int Width = 860, Height = 420;

    /// <summary>Splits that have exposure buckets, in first-seen order.</summary>
    public static IReadOnlyList<string> Splits(ReportInput input) =>
        input.ExposureBuckets.Where(b => double.IsFinite(b.RefusalRate)).Select(b => b.Split).Distinct().ToList();

    public static ReportPlot Render(ReportInput input, string? split)
    {
        var title = split is null ? "Refusal rate by pretraining exposure" : $"Refusal rate by pretraining exposure ({split})";
        var buckets = input.ExposureBuckets.Where(b => b.Split == split && double.IsFinite(b.RefusalRate)).ToList();
        if (buckets.Count == 0) return new ReportPlot(title, null, "No exposure ground truth.");
        var order = PlotStyle.MethodOrder(input);
        var labels = buckets.OrderBy(b => b.MinExposure).Select(b => b.Label).Distinct().ToList();
        var plot = PlotStyle.NewPlot("times the fact occurs in the pretraining corpus", "refused (%)");
        foreach (var g in buckets.GroupBy(b => b.Method))
        {
            var pts = g.OrderBy(b => b.MinExposure).ToArray();
            var colour = PlotStyle.MethodColour(order, g.Key);
            var line = plot.Add.Scatter(pts.Select(b => (double)labels.IndexOf(b.Label)).ToArray(), pts.Select(b => b.RefusalRate).ToArray(), colour);
            line.LineWidth = 1.5f;
            line.MarkerShape = PlotStyle.MethodMarker(order, g.Key);
            line.MarkerSize = 8;
            line.LegendText = g.Key;
        }
        int n(string label) => buckets.Where(b => b.Label == label).Select(b => b.N).DefaultIfEmpty(0).Max();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            labels.Select((l, i) => new Tick(i, $"{l} (n = {n(l)})")).ToArray());
        plot.Axes.SetLimits(-0.3, labels.Count - 0.7, 0, 100);
        PlotStyle.LegendRight(plot);
        return new ReportPlot(title, PlotStyle.Svg(plot, Width, Height),
            "Share of questions refused, by how often the fact appears in pretraining (n: questions per bucket). "
            + "A model that knows what it knows refuses rarely seen facts and answers frequent ones.");
    }
}
