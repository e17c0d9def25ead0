using System.Globalization;
using ScottPlot;

namespace Rait.Evaluation.Report;

/// <summary>The base model's probed μ and σ as two histograms side by side over the same bins of [0, 1].</summary>
public static class ProbeHistogramPlot
{
    private const int Width = 860, Height = 420;

    public static ReportPlot Render(ReportInput input)
    {
        const string title = "Probe: distribution of μ and σ";
        if (input.ProbeHistogram is not { N: > 0 } h) return new ReportPlot(title, null, "No probe records.");
        var plot = PlotStyle.NewPlot("value (bin of [0, 1])", "questions");
        int bins = h.MuCounts.Count;
        double width = 1.0 / bins, barWidth = width * 0.42;
        foreach (var (counts, colour, label, shift) in new[]
                 {
                     (h.MuCounts, PlotStyle.Known, "μ: share of samples correct", -0.22),
                     (h.SigmaCounts, PlotStyle.Unknown, "σ: certainty", 0.22),
                 })
        {
            var bars = counts.Select((c, i) => new Bar
            {
                Position = h.Edges[i] + width * (0.5 + shift), Value = c, Size = barWidth, FillColor = colour, LineWidth = 0,
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = colour });
        }
        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.Margins(bottom: 0, top: 0.1);
        PlotStyle.LegendRight(plot);
        string share = (100 * h.PartialShare).ToString("F1", CultureInfo.InvariantCulture);
        return new ReportPlot(title, PlotStyle.Svg(plot, Width, Height),
            $"{h.N} probed questions in {bins} bins. {share}% are partially known (0.1 ≤ μ ≤ 0.9): the questions on which certainty σ "
            + "and the knowledge flow Δμ can tell methods apart. σ counts leave out rows without a certainty.");
    }
}
