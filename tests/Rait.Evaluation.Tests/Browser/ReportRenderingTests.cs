using Rait.Evaluation.Report;
using Rait.Evaluation.Tests.Report;
using Rait.Tests;
using Xunit.Abstractions;

namespace Rait.Evaluation.Tests.Browser;

/// <summary>Opens reports in headless Chromium: they must render every plot, raise no script errors and not be blank.</summary>
public class ReportRenderingTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Report_RealisticRun_RendersEveryPlotWithoutErrors()
    {
        var input = RealisticReport.Build();
        var plots = ReportPlots.All(input);
        var dir = RepoPaths.NewTempDir();
        ReportWriter.Write(input, dir);

        var page = await chromium.Browser.RenderAsync(Path.Combine(dir, ReportWriter.HtmlFile));

        page.Errors.ShouldBeEmpty();
        page.Dom.Resources.ShouldBeEmpty("the report must load nothing besides itself");
        page.Dom.Title.ShouldContain(input.RunName);
        page.Dom.Figures.ShouldBe(plots.Count);
        page.Dom.Placeholders.ShouldBe(0);
        page.Dom.Svgs.Count.ShouldBe(plots.Count);
        foreach (var svg in page.Dom.Svgs)
        {
            svg.Width.ShouldBeGreaterThan(300, svg.Figure);
            svg.Height.ShouldBeGreaterThan(200, svg.Figure);
            svg.Texts.ShouldBeGreaterThan(8, $"{svg.Figure}: axis labels and ticks");
        }
        page.Dom.Width.ShouldBeLessThanOrEqualTo(1200, "nothing overflows the page horizontally");

        var shot = PngImage.Decode(page.Screenshot);
        shot.Width.ShouldBe(1200);
        ((double)shot.Height).ShouldBe(page.Dom.Height, 1.0);
        shot.DistinctColours().ShouldBeGreaterThan(200);
        shot.ShareNotBackground().ShouldBeGreaterThan(0.05);
        var png = Path.Combine(dir, "report.png");
        await File.WriteAllBytesAsync(png, page.Screenshot);
        output.WriteLine($"report: {dir}; screenshot {shot.Width}x{shot.Height}, {shot.DistinctColours()} colours");
    }

    [Fact]
    public async Task Report_MissingData_ShowsPlaceholdersWithoutErrors()
    {
        var input = RealisticReport.Build(items: 100, replicates: 20) with { ProbePoints = [], LossCurves = [] };
        var dir = RepoPaths.NewTempDir();
        ReportWriter.Write(input, dir);

        var page = await chromium.Browser.RenderAsync(Path.Combine(dir, ReportWriter.HtmlFile));

        page.Errors.ShouldBeEmpty();
        page.Dom.Placeholders.ShouldBe(2);
        page.Dom.Svgs.Count.ShouldBe(page.Dom.Figures - 2);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Render_PageWithScriptErrorAndMissingImage_ReportsBoth()
    {
        var dir = RepoPaths.NewTempDir();
        var html = Path.Combine(dir, "broken.html");
        await File.WriteAllTextAsync(html, "<!DOCTYPE html><html><body><p>x</p><img src=\"missing.png\">"
            + "<script>console.error('drawn badly'); undefinedFunction();</script></body></html>");

        var page = await chromium.Browser.RenderAsync(html);

        page.Errors.ShouldContain(e => e.Contains("undefinedFunction", StringComparison.Ordinal));
        page.Errors.ShouldContain(e => e.Contains("drawn badly", StringComparison.Ordinal));
        page.Errors.ShouldContain(e => e.Contains("missing.png", StringComparison.Ordinal));
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Render_EmptyPage_ScreenshotHasOneColour()
    {
        var dir = RepoPaths.NewTempDir();
        var html = Path.Combine(dir, "blank.html");
        await File.WriteAllTextAsync(html, "<!DOCTYPE html><html><body style=\"margin:0;height:600px\"></body></html>");

        var page = await chromium.Browser.RenderAsync(html, width: 400);

        page.Errors.ShouldBeEmpty();
        var shot = PngImage.Decode(page.Screenshot);
        shot.Width.ShouldBe(400);
        shot.DistinctColours().ShouldBe(1);
        shot.ShareNotBackground().ShouldBe(0);
        Directory.Delete(dir, true);
    }
}
