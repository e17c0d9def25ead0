using ScottPlot;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>
/// The Pc-Pw plane of the CRaFT THS figure: x = Pc, y = Pw, each method a point with 95% interval bars, and the line
/// through the origin O and the reference E1 (Init-Basic), on which THS = 0. Points below the line have THS &gt; 0.
/// </summary>
/// <remarks>CRaFT §5.2: THS = (OE2 × OE1) / (OA × OE1) with E = (Pc, Pw) and A = (100, 0).</remarks>
public static class PcPwPlanePlot
{
    private const int Width = 860, Height = 520;

    public static ReportPlot Render(ReportInput input, string split)
    {
        var title = $"Pc-Pw plane ({split})";
        var results = input.Results.Where(r => r.Split == split).ToList();
        if (results.Count == 0) return new ReportPlot(title, null, $"No results on {split}.");
        var order = PlotStyle.MethodOrder(input);
        var plot = PlotStyle.NewPlot("Pc: answered correctly (%)", "Pw: answered wrongly (%)");
        double xMax = AxisEnd(results.Select(r => Upper(r.Correct))), yMax = AxisEnd(results.Select(r => Upper(r.Wrong)));
        var reference = input.References.FirstOrDefault(r => r.Split == split);
        string caption = $"Each point is a method on {split} (x = Pc, y = Pw, in %); bars: 95% bootstrap intervals. ";
        if (reference is { Wrong: > 0, Correct: > 0 })
        {
            AddReference(plot, reference, xMax, yMax);
            caption += $"Dashed: the line through the origin and {reference.Method} (Pc {reference.Correct:F1}, Pw {reference.Wrong:F1}), "
                + "where THS = 0. Shaded: THS > 0, i.e. fewer wrong answers per correct one than the reference. "
                + "A point's THS is its horizontal distance to the right of the line, in points.";
        }
        foreach (var r in results)
        {
            var colour = PlotStyle.MethodColour(order, r.Method);
            AddErrorBars(plot, r.Correct, r.Wrong, colour);
            var point = plot.Add.Marker(r.Correct.Value, r.Wrong.Value, PlotStyle.MethodMarker(order, r.Method), 11, colour);
            point.LegendText = r.Method;
        }
        plot.Axes.SetLimits(0, xMax, 0, yMax);
        PlotStyle.LegendRight(plot);
        return new ReportPlot(title, PlotStyle.Svg(plot, Width, Height), caption);
    }

    private static void AddReference(Plot plot, ReferencePoint e1, double xMax, double yMax)
    {
        double slope = e1.Wrong / e1.Correct;
        // The line leaves the visible box through the right edge or the top edge.
        var end = slope * xMax <= yMax ? new Coordinates(xMax, slope * xMax) : new Coordinates(yMax / slope, yMax);
        var region = new List<Coordinates> { new(0, 0), new(xMax, 0) };
        if (end.X >= xMax) region.Add(end);
        else { region.Add(new Coordinates(xMax, yMax)); region.Add(end); }
        var shade = plot.Add.Polygon(region.ToArray());
        shade.FillColor = Color.FromHex("#009E73").WithAlpha(0.08);
        shade.LineWidth = 0;
        shade.LegendText = "THS > 0";
        var line = plot.Add.Line(new Coordinates(0, 0), end);
        line.LineColor = Color.FromHex("#444444");
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1.5f;
        line.LegendText = $"THS = 0 (O → {e1.Method})";
    }

    private static void AddErrorBars(Plot plot, Estimate x, Estimate y, Color colour)
    {
        if (!double.IsFinite(x.Lower) || !double.IsFinite(y.Lower)) return;
        var bars = plot.Add.ErrorBar([x.Value], [y.Value], [y.Upper - y.Value]);
        bars.YErrorNegative = [y.Value - y.Lower];
        bars.XErrorPositive = [x.Upper - x.Value];
        bars.XErrorNegative = [x.Value - x.Lower];
        bars.Color = colour.WithAlpha(0.7);
        bars.CapSize = 4;
    }

    private static double Upper(Estimate e) => double.IsFinite(e.Upper) ? e.Upper : e.Value;

    /// <summary>The largest value plus a margin, rounded up to 10, at most 100.</summary>
    private static double AxisEnd(IEnumerable<double> values) =>
        Math.Min(100, Math.Ceiling((values.Where(double.IsFinite).DefaultIfEmpty(0).Max() + 5) / 10) * 10);
}
