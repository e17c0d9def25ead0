using Rait.Core.Io;
using Rait.Evaluation.Report;
using Rait.Model;
using Rait.Model.Generation;
using Rait.Pipeline.Demo;
using Rait.Pipeline.Run;
using Rait.Pipeline.World;
using Rait.Tests;
using Rait.World.Qa;

namespace Rait.Pipeline.Tests.Run;

/// <summary>
/// The quick demo end to end: tiny world generated and pretrained (boundary visible), every method probed,
/// built, trained and evaluated on ID and OOD, the report written; a rerun reuses every stage.
/// </summary>
public sealed class DemoEndToEndTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void QuickDemo_RunsEveryMethod_WritesReport_AndResumes()
    {
        // Given a fresh cache and run folder
        var cache = RepoPaths.NewTempDir("rait-cache");
        var runDir = RepoPaths.NewTempDir("rait-run");
        var (world, model) = DemoSetup.World(quick: true, cache, null, _ => { });

        // Then the pretrained world model knows seen facts and not unseen ones
        var pretrain = Jsonl.Read<WorldPretrainReport>(Path.Combine(model, WorldPretrainer.ReportFile)).Single();
        pretrain.AccuracyKnown.ShouldBeGreaterThan(pretrain.AccuracyUnseen + 0.4);
        // and the boundary is graded: many probed training questions are partially known (0.1 ≤ μ ≤ 0.9),
        // among them facts the corpus states with a rival value
        pretrain.Probe.PartialShareSeen.ShouldBeGreaterThan(0.15);
        pretrain.Probe.Conflicting.Questions.ShouldBeGreaterThan(0);
        pretrain.Probe.Histogram.MuCounts.Sum().ShouldBe(pretrain.Probe.Questions);
        // and its folder is a normal HF model folder that loads and generates
        using (var lm = LanguageModel.Load(model))
        {
            lm.ChatTemplate.ShouldNotBeNull();
            var q = world.ReadOpen(WorldSplits.Train)[0];
            lm.Generate([lm.EncodePrompt(q.Question)], new SamplingOptions { Temperature = 0, MaxNewTokens = 6 })[0].TokenIds.ShouldNotBeEmpty();
        }

        // When the quick demo pipeline runs
        var config = DemoSetup.Config(world, model, quick: true, seeds: 1);
        var reportDir = new RaitPipeline(config, new StageStore(runDir, new HashSet<string>())).Run();

        // Then every method has ID and OOD results and the report exists
        var report = ReportWriter.ReadJson(Path.Combine(reportDir, "report.json"));
        report.Results.Select(r => r.Method).Distinct().ShouldBe(["Init-Basic", "Init-Refuse", "Van-Tuning", "Cor-RAIT", "R-Tuning", "CRaFT", "GRAIT"], ignoreOrder: true);
        report.Results.Select(r => r.Split).Distinct().ShouldBe(["ID", "OOD"], ignoreOrder: true);
        File.ReadAllText(Path.Combine(reportDir, "report.html")).ShouldContain("<svg");
        // refusal-aware tuning makes the model refuse something; plain SFT does not
        report.Results.Where(r => r.Method == "Cor-RAIT").Max(r => r.Refused.Value).ShouldBeGreaterThan(0);
        report.Results.Where(r => r.Method == "Van-Tuning").Max(r => r.Refused.Value).ShouldBe(0);
        // and the report shows what every tuned method trained on, read back from its set's manifest
        report.TrainingSets.Select(t => t.Method).ShouldBe(["Van-Tuning", "Cor-RAIT", "R-Tuning", "CRaFT", "GRAIT"], ignoreOrder: true);
        report.TrainingSets.First(t => t.Method == "Van-Tuning").Refusals.ShouldBe(0);
        report.TrainingSets.First(t => t.Method == "CRaFT").Selection.Select(c => c.Name).ShouldContain("dropped_by_flow");
        // every method trains on the same number of rows (shortfalls resampled), the ratio methods at 4 : 1
        report.TrainingSets.ShouldAllBe(t => t.Rows == config.SetSize);
        report.TrainingSets.Where(t => t.Method is "Cor-RAIT" or "CRaFT" or "GRAIT").ShouldAllBe(t => t.Refusals == config.SetSize / 5);
        report.TrainingSets.SelectMany(t => t.Shortfalls).ShouldAllBe(f => f.Available < f.Asked && f.Resampled == f.Asked - f.Available);
        // one seed: the study is there but says it needs more seeds; the probe histogram covers every probed question
        report.Study.ShouldNotBeNull().Seeds.ShouldBe(1);
        report.Study.Orderings.ShouldAllBe(o => o.Verdict == Rait.Evaluation.Metrics.OrderingVerdict.NeedsSeeds);
        report.ProbeHistogram.ShouldNotBeNull().MuCounts.Sum().ShouldBe(report.ProbeHistogram.N);

        // When it runs again, every stage is reused (no stage folder is touched)
        var marks = Directory.GetFiles(runDir, "done.json", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        new RaitPipeline(config, new StageStore(runDir, new HashSet<string>())).Run();
        foreach (var (file, time) in marks) File.GetLastWriteTimeUtc(file).ShouldBe(time);
        Directory.GetFiles(runDir, "done.json", SearchOption.AllDirectories).Length.ShouldBe(marks.Count);
    }

    [Fact]
    public void RunConfig_InvalidValues_ListsEveryKey()
    {
        var c = new RunConfig { Model = "", Train = "", Methods = [], ProbeSamples = 1, Seeds = 0 };
        var errors = c.Validate();
        errors.ShouldContain(e => e.StartsWith("model:"));
        errors.ShouldContain(e => e.StartsWith("methods:"));
        errors.ShouldContain(e => e.StartsWith("probe_samples:"));
        errors.ShouldContain(e => e.StartsWith("seeds:"));
        errors.ShouldContain(e => e.StartsWith("eval:"));
    }
}
