using System.Text.RegularExpressions;
using Rait.Evaluation;
using Rait.Evaluation.Metrics;
using Rait.Evaluation.Report;
using Rait.Tests;

namespace Rait.Evaluation.Tests.Report;

public class ReportTests
{
    private static readonly string[] Methods = ["init-basic", "van", "craft"];

    private static ReportInput Sample()
    {
        var options = new EvaluationOptions { Bootstrap = new() { Replicates = 200 } };
        var results = new List<MethodResult>();
        var refs = new List<ReferencePoint>();
        foreach (var split in new[] { "id", "ood" })
        {
            var reference = TestRows.Make(60, 40, 0).Select((r, i) => r with { Exposure = i % 4, BaseKnown = i < 60, Confidence = i < 60 ? 0.8 : 0.3 }).ToList();
            refs.Add(new ReferencePoint(split, "init-basic", 60, 40));
            int k = 0;
            foreach (var m in Methods)
            {
                var rows = TestRows.Make(60 - 5 * k, 40 - 15 * k, 20 * k).Select((r, i) => r with { Exposure = i % 4, BaseKnown = i < 60, Confidence = 0.1 * (i % 10) }).ToList();
                results.Add(MethodEvaluator.Evaluate(m, split, rows, reference, options));
                k++;
            }
        }
        return new ReportInput
        {
            RunName = "unit <run>",
            Results = results,
            References = refs,
            ProbePoints = [new(0.9, 0.95, true), new(0.1, 0.3, false), new(0.5, 0.6, true)],
            LossCurves = [new("craft", [new(1, 2.5), new(2, 1.9), new(3, 1.4)]), new("van", [new(1, 2.4), new(2, 2.0)])],
            TrainingSets =
            [
                new() { Method = "van", Seed = 1, Rows = 400, Refusals = 0, WeightSum = 400, Selection = [new("pool", 762)] },
                new()
                {
                    Method = "craft", Seed = 1, Rows = 342, Refusals = 22, WeightSum = 342,
                    Selection = [new("pool", 762), new("unknown", 308), new("unknown_after_flow_filter", 22)],
                },
            ],
            ExposureBuckets = RefusalByExposure.Compute("craft", "id",
                TestRows.Make(10, 5, 5).Select((r, i) => r with { Exposure = i % 12 }).ToList(), [0, 1, 3, 10]),
        };
    }

    [Fact]
    public void PcPwPlane_SampleRun_HasPcOnXAndReferenceLine()
    {
        var plot = PcPwPlanePlot.Render(Sample(), "id");
        plot.Svg.ShouldNotBeNull();
        plot.Svg.ShouldStartWith("<svg viewBox=\"0 0 ");
        plot.Svg.ShouldContain("Pc: answered correctly");   // x axis, as in the CRaFT THS figure
        plot.Svg.ShouldContain("THS = 0 (O → init-basic)");
        plot.Caption.ShouldContain("Pc 60.0, Pw 40.0");
    }

    [Fact]
    public void PcPwPlane_NoReference_HasNoReferenceLine()
    {
        var plot = PcPwPlanePlot.Render(Sample() with { References = [] }, "id");
        plot.Svg.ShouldNotBeNull();
        plot.Svg.ShouldNotContain("THS = 0");
    }

    [Fact]
    public void Html_SampleRun_MarksBestThsReferenceRowAndHiddenColumns()
    {
        var input = Sample();
        var html = HtmlReport.Render(input, ReportPlots.All(input));
        // craft has the highest THS on both splits (TestRows: fewer wrong answers per correct one).
        var best = input.Results.Where(r => r.Split == "id").MaxBy(r => r.Ths!.Value)!;
        best.Method.ShouldBe("craft");
        html.ShouldContain($"<td class=\"best\">{best.Ths!.Value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)}<span class=\"ci\">");
        Regex.Matches(html, "<tr class=\"reference\"><th scope=\"row\">init-basic").Count.ShouldBe(2);
        html.ShouldContain("fail-parse is 0 for every method");
        html.ShouldContain("How to read this report");
        html.ShouldNotContain("Fail-parse %</th>");
    }

    [Fact]
    public void Html_SampleRun_HasOneSvgPerPlotAndNoExternalResources()
    {
        var input = Sample();
        var plots = ReportPlots.All(input);
        plots.Count.ShouldBe(6);   // Pc-Pw per split (2), THS bars, μ-σ, loss, exposure
        plots.ShouldAllBe(p => p.Svg != null);
        var html = HtmlReport.Render(input, plots);
        Regex.Matches(html, "<svg[\\s>]").Count.ShouldBe(plots.Count);
        html.ShouldNotContain("<script", Case.Insensitive);
        Regex.IsMatch(html, "(src|href)=\"(https?:)?//").ShouldBeFalse();
        html.ShouldContain("unit &lt;run&gt;");
        // Ids are unique across the inlined SVGs.
        var ids = Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        ids.Distinct().Count().ShouldBe(ids.Count);
    }

    [Fact]
    public void Html_MissingData_ShowsPlaceholderInsteadOfSvg()
    {
        var input = Sample() with { ProbePoints = [], LossCurves = [] };
        var plots = ReportPlots.All(input);
        plots.Count(p => p.Svg is null).ShouldBe(2);
        Regex.Matches(HtmlReport.Render(input, plots), "<svg[\\s>]").Count.ShouldBe(4);
    }

    [Fact]
    public void Json_WrittenReport_RoundTrips()
    {
        var dir = RepoPaths.NewTempDir();
        var input = Sample();
        ReportWriter.Write(input, dir);
        File.Exists(Path.Combine(dir, ReportWriter.HtmlFile)).ShouldBeTrue();
        var back = ReportWriter.ReadJson(Path.Combine(dir, ReportWriter.JsonFile));
        ReportWriter.ToJson(back).ShouldBe(ReportWriter.ToJson(input));
        back.Results[4].Ths.ShouldBe(input.Results[4].Ths);
        back.Results.Count.ShouldBe(6);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Json_UnknownField_ThrowsNamingFile()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "bad.json");
        File.WriteAllText(path, "{\"run_name\":\"x\",\"results\":[],\"colour\":1}");
        Should.Throw<Rait.Core.RaitException>(() => ReportWriter.ReadJson(path)).Message.ShouldContain("bad.json");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void TrainingSets_SampleRun_TableInHtmlAndMarkdown_NoneWhenAbsent()
    {
        // Given a run whose report carries each method's training set
        var input = Sample();

        // Then the HTML has a linked section with one row per set: rows, refusal rows with their share, the selection
        var html = HtmlReport.Render(input, []);
        html.ShouldContain("<a href=\"#training-sets\">Training sets</a>");
        html.ShouldContain("<section id=\"training-sets\">");
        html.ShouldContain("<th scope=\"row\">craft</th><td>342</td><td>22 <span class=\"ci\">(6.4%)</span></td>");
        System.Net.WebUtility.HtmlDecode(html).ShouldContain("pool 762 · unknown 308 · unknown after flow filter 22");
        html.ShouldNotContain("Weight sum"); // every weight sum equals its row count
        // and the Markdown has the same table
        MarkdownReport.Render(input).ShouldContain("| craft | 1 | 342 | 22 (6.4%) | 342.0 | pool 762 · unknown 308 · unknown after flow filter 22 |");

        // When no set is known (a report of evaluations only), there is no such section
        var bare = input with { TrainingSets = [] };
        HtmlReport.Render(bare, []).ShouldNotContain("training-sets");
        MarkdownReport.Render(bare).ShouldNotContain("## Training sets");
    }

    [Fact]
    public void Markdown_SampleRun_HasOneRowPerMethodAndSplit()
    {
        var md = MarkdownReport.Render(Sample() with { TrainingSets = [] }); // the training-set table has method rows too
        foreach (var m in Methods)
            Regex.Matches(md, $"^\\| {Regex.Escape(m)} \\|", RegexOptions.Multiline).Count.ShouldBe(2);
        md.ShouldContain("## id");
        md.ShouldContain("## ood");
        md.ShouldContain("| 0.0 [");   // init-basic THS against itself, with an interval
    }
}
