using System.Text.RegularExpressions;
using Rait.Evaluation.Metrics;
using Rait.Evaluation.Report;
using Rait.Tests;

namespace Rait.Evaluation.Tests.Report;

public class StudyReportTests
{
    private static ReportInput WithStudy(int seeds)
    {
        var scores = new List<SeedScore>();
        for (long s = 1; s <= seeds; s++)
            foreach (var split in new[] { "ID", "OOD" })
            {
                scores.Add(new("Van-Tuning", split, s, -10 - s, 0));
                scores.Add(new("Cor-RAIT", split, s, 5 + s, 20 + s));
                scores.Add(new("CRaFT", split, s, 6 + 2 * s % 3, 10));
                scores.Add(new("GRAIT", split, s, 5 + s % 2, 9));
            }
        var orderings = SeedStudy.PaperOrderings("Van-Tuning", "Cor-RAIT", "CRaFT", "GRAIT");
        return new ReportInput
        {
            RunName = "study",
            Results = [],
            SeedScores = scores,
            Study = SeedStudy.Compute(scores, orderings),
            ProbeHistogram = ProbeHistogram.Of([(0, 1), (0.5, 0.6), (1, 1), (0.3, 0.7)], 10),
            TrainingSets =
            [
                new() { Method = "CRaFT", Seed = 1, Rows = 10, Refusals = 2, WeightSum = 10, Shortfalls = [new("unknown", 2, 1, 1)] },
                new() { Method = "Cor-RAIT", Seed = 1, Rows = 10, Refusals = 2, WeightSum = 10 },
            ],
        };
    }

    [Fact]
    public void Study_FiveSeeds_TablesPlotAndVerdictsInEveryFormat()
    {
        var input = WithStudy(5);
        var plots = ReportPlots.All(input);
        plots.Single(p => p.Title == "Paired differences over seeds").Svg.ShouldNotBeNull();
        plots.Single(p => p.Title == "Probe: distribution of μ and σ").Svg.ShouldNotBeNull();
        var html = HtmlReport.Render(input, plots);
        html.ShouldContain("id=\"seed-study\"");
        html.ShouldContain("Orderings from the papers");
        html.ShouldContain("THS(CRaFT) − THS(Cor-RAIT)");
        html.ShouldContain("over-refusal(CRaFT) − over-refusal(Cor-RAIT)");
        // Van is far below everyone: holds; over-refusal CRaFT 10 vs Cor 21..25: holds.
        Regex.Matches(html, "verdict-holds").Count.ShouldBeGreaterThanOrEqualTo(4);
        html.ShouldContain("unknown: 1 of 2 available, 1 resampled");
        var md = MarkdownReport.Render(input);
        md.ShouldContain("## Seed study");
        md.ShouldContain("| Van-Tuning worst (THS below Cor-RAIT, CRaFT and GRAIT) | ID | holds |");
        md.ShouldContain("Student-t");
        var dir = RepoPaths.NewTempDir();
        ReportWriter.Write(input, dir);
        var back = ReportWriter.ReadJson(Path.Combine(dir, ReportWriter.JsonFile));
        ReportWriter.ToJson(back).ShouldBe(ReportWriter.ToJson(input));
        back.Study!.Orderings.Count.ShouldBe(8);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Study_OneSeed_SaysAStudyNeedsTwoSeeds()
    {
        var input = WithStudy(1);
        var html = HtmlReport.Render(input, ReportPlots.All(input));
        html.ShouldContain("A study needs at least 2 seeds");
        html.ShouldNotContain("text verdict-");
        MarkdownReport.Render(input).ShouldContain("A study needs at least 2 seeds");
        ReportPlots.All(input).Single(p => p.Title == "Paired differences over seeds").Svg.ShouldBeNull();
    }
}
