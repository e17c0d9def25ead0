namespace Rait.Evaluation.Report;

/// <summary>Training loss per method against the optimizer step, in the method colours used by every figure.</summary>
public static class LossCurvesPlot
{
    private const int Width = 860, Height = 420;

    public static ReportPlot Render(ReportInput input)
    {
        const string title = "Training loss";
        var curves = input.LossCurves.Where(c => c.Points.Count > 0).ToList();
        if (curves.Count == 0) return new ReportPlot(title, null, "No training runs.");
        var order = PlotStyle.MethodOrder(input);
        var plot = PlotStyle.NewPlot("optimizer step", "loss (answer tokens)");
        foreach (var c in curves)
        {
            var line = plot.Add.ScatterLine(c.Points.Select(p => (double)p.Step).ToArray(), c.Points.Select(p => p.Loss).ToArray(),
                PlotStyle.MethodColour(order, c.Method));
            line.LineWidth = 1.5f;
            line.LegendText = c.Method;
        }
        plot.Axes.SetLimitsX(0, curves.Max(c => c.Points.Max(p => p.Step)));
        PlotStyle.LegendRight(plot);
        return new ReportPlot(title, PlotStyle.Svg(plot, Width, Height),
            "Cross-entropy on the answer tokens per optimizer step (prompt and padding tokens carry no loss).");
    }
}
