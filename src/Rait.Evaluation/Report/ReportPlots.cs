namespace Rait.Evaluation.Report;

/// <summary>All report figures as standalone SVG strings (ScottPlot), in report order.</summary>
public static class ReportPlots
{
    /// <summary>Pc-Pw plane per split, THS bars, paired differences (seed study), probe scatter and μ/σ histogram, loss curves, exposure per split; a figure without data has a null SVG.</summary>
    public static IReadOnlyList<ReportPlot> All(ReportInput input)
    {
        var plots = new List<ReportPlot>();
        foreach (var split in input.Results.Select(r => r.Split).Distinct())
            plots.Add(PcPwPlanePlot.Render(input, split));
        if (plots.Count == 0) plots.Add(new ReportPlot("Pc-Pw plane", null, "No results."));
        plots.Add(ThsBarsPlot.Render(input));
        if (input.Study is not null) plots.Add(PairedDifferencesPlot.Render(input));
        plots.Add(ProbeScatterPlot.Render(input));
        if (input.ProbeHistogram is not null) plots.Add(ProbeHistogramPlot.Render(input));
        plots.Add(LossCurvesPlot.Render(input));
        var exposureSplits = ExposurePlot.Splits(input);
        if (exposureSplits.Count == 0) plots.Add(ExposurePlot.Render(input, null));
        foreach (var split in exposureSplits) plots.Add(ExposurePlot.Render(input, split));
        return plots;
    }
}
