using System.Text.RegularExpressions;
using ScottPlot;

namespace Rait.Evaluation.Report;

/// <summary>Renders the report figures as standalone SVG strings with ScottPlot.</summary>
/// <remarks>Each SVG gets its element ids prefixed, so several can be inlined in one HTML page without clashes.</remarks>
public static partial class ReportPlots
{
    private const int Width = 640, Height = 420;

    /// <summary>All figures, in report order; a figure without data has a null SVG.</summary>
    public static IReadOnlyList<ReportPlot> All(ReportInput input)
    {
        var plots = new List<ReportPlot>();
        foreach (var split in input.Results.Select(r => r.Split).Distinct())
            plots.Add(PcPwPlane(input, split));
        if (plots.Count == 0) plots.Add(new ReportPlot("Pc-Pw plane", null, "No results."));
        plots.Add(ThsBars(input));
        plots.Add(MuSigmaScatter(input));
        plots.Add(LossCurves(input));
        plots.Add(RefusalByExposure(input));
        return plots;
    }

    /// <summary>Methods as points in the (Pw, Pc) plane with the line through the origin and E1 (THS = 0).</summary>
    public static ReportPlot PcPwPlane(ReportInput input, string split)
    {
        var title = $"Pc-Pw plane ({split})";
        var results = input.Results.Where(r => r.Split == split).ToList();
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < results.Count; i++)
        {
            var pts = plot.Add.ScatterPoints(new[] { results[i].Wrong.Value }, new[] { results[i].Correct.Value }, palette.GetColor(i));
            pts.MarkerSize = 10;
            pts.LegendText = results[i].Method;
        }
        var reference = input.References.FirstOrDefault(r => r.Split == split);
        string caption = "Each point is a method (x = Pw, y = Pc, in %). ";
        if (reference is { Wrong: > 0 })
        {
            // THS = 0 on this line; points below it (towards the Pc axis) have THS > 0.
            double slope = reference.Correct / reference.Wrong;
            double xEnd = Math.Min(100, 100 / slope);
            var line = plot.Add.Line(0, 0, xEnd, xEnd * slope);
            line.LineColor = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = $"{reference.Method} reference (THS = 0)";
            caption += $"Dashed: the line through the origin and {reference.Method}; methods above-left of it have THS > 0.";
        }
        plot.Axes.SetLimits(0, 100, 0, 100);
        Label(plot, title, "Pw: wrong (%)", "Pc: correct (%)");
        plot.ShowLegend();
        return new ReportPlot(title, results.Count == 0 ? null : Svg(plot), caption);
    }

    /// <summary>THS per method and split as bars with 95% interval whiskers.</summary>
    public static ReportPlot ThsBars(ReportInput input)
    {
        const string title = "THS by method";
        var rows = input.Results.Where(r => r.Ths is not null && double.IsFinite(r.Ths.Value)).ToList();
        if (rows.Count == 0) return new ReportPlot(title, null, "No THS values (no reference run).");
        var plot = new Plot();
        var splits = rows.Select(r => r.Split).Distinct().ToList();
        var methods = rows.Select(r => r.Method).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        foreach (var r in rows)
        {
            var ths = r.Ths!;
            int s = splits.IndexOf(r.Split);
            bars.Add(new Bar
            {
                Position = methods.IndexOf(r.Method) * (splits.Count + 1) + s,
                Value = ths.Value,
                Error = double.IsFinite(ths.Lower) ? Math.Max(ths.Upper - ths.Value, ths.Value - ths.Lower) : 0,
                FillColor = palette.GetColor(s),
            });
        }
        plot.Add.Bars(bars);
        var ticks = methods.Select((m, i) => new Tick(i * (splits.Count + 1) + (splits.Count - 1) / 2.0, m)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        for (int s = 0; s < splits.Count; s++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = splits[s], FillColor = palette.GetColor(s) });
        plot.ShowLegend();
        Label(plot, title, "method", "THS (points)");
        return new ReportPlot(title, Svg(plot), "Bars: THS against the reference; whiskers: the larger side of the 95% bootstrap interval. Colours: splits.");
    }

    /// <summary>Probe μ (correctness) against σ (certainty), coloured by whether the fact is truly known.</summary>
    public static ReportPlot MuSigmaScatter(ReportInput input)
    {
        const string title = "Probe: correctness μ vs certainty σ";
        if (input.ProbePoints.Count == 0) return new ReportPlot(title, null, "No probe records.");
        var plot = new Plot();
        foreach (var (known, color, label) in new[] { (true, Colors.Green, "known (ground truth)"), (false, Colors.Red, "unknown (ground truth)") })
        {
            var pts = input.ProbePoints.Where(p => p.Known == known).ToArray();
            if (pts.Length == 0) continue;
            var sc = plot.Add.ScatterPoints(pts.Select(p => p.Sigma).ToArray(), pts.Select(p => p.Mu).ToArray(), color);
            sc.MarkerSize = 5;
            sc.LegendText = label;
        }
        Label(plot, title, "σ (certainty)", "μ (correctness)");
        plot.ShowLegend();
        return new ReportPlot(title, Svg(plot), "One point per probed question.");
    }

    /// <summary>Training loss per method against the optimizer step.</summary>
    public static ReportPlot LossCurves(ReportInput input)
    {
        const string title = "Training loss";
        var curves = input.LossCurves.Where(c => c.Points.Count > 0).ToList();
        if (curves.Count == 0) return new ReportPlot(title, null, "No training runs.");
        var plot = new Plot();
        foreach (var c in curves)
        {
            var line = plot.Add.ScatterLine(c.Points.Select(p => (double)p.Step).ToArray(), c.Points.Select(p => p.Loss).ToArray());
            line.LegendText = c.Method;
        }
        Label(plot, title, "step", "loss");
        plot.ShowLegend();
        return new ReportPlot(title, Svg(plot), "Training loss (answer tokens only) per optimizer step.");
    }

    /// <summary>Refusal rate per exposure bucket, one line per method and split.</summary>
    public static ReportPlot RefusalByExposure(ReportInput input)
    {
        const string title = "Refusal rate by pretraining exposure";
        var buckets = input.ExposureBuckets.Where(b => double.IsFinite(b.RefusalRate)).ToList();
        if (buckets.Count == 0) return new ReportPlot(title, null, "No exposure ground truth.");
        var labels = buckets.OrderBy(b => b.MinExposure).Select(b => b.Label).Distinct().ToList();
        var plot = new Plot();
        foreach (var g in buckets.GroupBy(b => (b.Method, b.Split)))
        {
            var pts = g.OrderBy(b => b.MinExposure).ToArray();
            var line = plot.Add.Scatter(pts.Select(b => (double)labels.IndexOf(b.Label)).ToArray(), pts.Select(b => b.RefusalRate).ToArray());
            line.LegendText = $"{g.Key.Method} ({g.Key.Split})";
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            labels.Select((l, i) => new Tick(i, l)).ToArray());
        plot.Axes.SetLimitsY(0, 100);
        Label(plot, title, "times the fact occurs in pretraining", "refused (%)");
        plot.ShowLegend();
        return new ReportPlot(title, Svg(plot), "A model that knows what it knows refuses rarely seen facts and answers frequent ones.");
    }

    private static void Label(Plot plot, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
    }

    private static string Svg(Plot plot)
    {
        var svg = plot.GetSvgXml(Width, Height);
        return XmlDeclaration().Replace(svg, "").Trim();
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();
}
