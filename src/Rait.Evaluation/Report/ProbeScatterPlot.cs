using ScottPlot;

namespace Rait.Evaluation.Report;

/// <summary>Probe correctness μ against certainty σ, one point per question, coloured by whether the model truly knows the fact.</summary>
public static class ProbeScatterPlot
{
    private const int Width = 860, Height = 480;
    private const double Jitter = 0.015;

    public static ReportPlot Render(ReportInput input)
    {
        const string title = "Probe: correctness μ vs certainty σ";
        if (input.ProbePoints.Count == 0) return new ReportPlot(title, null, "No probe records.");
        var plot = PlotStyle.NewPlot("σ: certainty (agreement among the sampled answers)", "μ: share of samples correct");
        foreach (var (known, colour, label) in new[] { (true, PlotStyle.Known, "known (ground truth)"), (false, PlotStyle.Unknown, "unknown (ground truth)") })
        {
            var points = input.ProbePoints.Select((p, i) => (p, i)).Where(t => t.p.Known == known).ToList();
            if (points.Count == 0) continue;
            // μ takes few values (k of N samples); a small fixed vertical offset per point keeps stacked points visible.
            var markers = plot.Add.Markers(
                points.Select(t => t.p.Sigma).ToArray(),
                points.Select(t => t.p.Mu + Jitter * Offset(t.i)).ToArray(),
                known ? MarkerShape.FilledCircle : MarkerShape.FilledTriangleUp, 6, colour.WithAlpha(0.55));
            markers.LegendText = $"{label}, n = {points.Count}";
        }
        plot.Axes.SetLimitsY(-0.05, 1.05);
        PlotStyle.LegendRight(plot);
        return new ReportPlot(title, PlotStyle.Svg(plot, Width, Height),
            $"One point per probed question ({input.ProbePoints.Count}). μ: share of sampled answers that are correct; σ: how consistent "
            + $"the samples are. Points are offset vertically by up to ±{Jitter} so that equal μ values do not hide each other. "
            + "Well-separated colours mean the probe's μ and σ tell known from unknown facts.");
    }

    /// <summary>A deterministic offset in [-1, 1] from the point's index (golden-ratio sequence).</summary>
    private static double Offset(int i) => 2 * (i * 0.6180339887 % 1.0) - 1;
}
