using Rait.Core.Config;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Pipeline.Eval;
using Rait.Pipeline.Run;
using Rait.Tests;

namespace Rait.Server.Tests.EndToEnd;

/// <summary><c>rait run</c> with <c>[model] endpoint = …</c> against our own server: probe → build → eval remotely,
/// training skipped with the exports written, and the stage cache keyed on what the server reports.</summary>
public sealed class RunEndpointEndToEndTests(EndToEndServer fx) : IClassFixture<EndToEndServer>
{
    private const string KeyEnv = "RAIT_RUN_E2E_KEY";

    [Fact]
    public void Run_EndpointModel_ProbesBuildsAndEvaluates_SkipsTraining()
    {
        // Given a QA pool, an eval set and a run config whose model is the served tiny model
        Environment.SetEnvironmentVariable(KeyEnv, EndToEndServer.Key);
        var dir = RepoPaths.NewTempDir();
        var pool = Path.Combine(dir, "pool.jsonl");
        Jsonl.Write(pool, new[] { "Tom", "Lily", "Sam", "Mia", "Ben", "Sue", "Max", "Amy" }
            .Select((n, i) => new QaItem { Id = $"q{i}", Question = $"{n} had a red", Answers = ["ball"] }));
        var evalSet = Path.Combine(dir, "eval.jsonl");
        Jsonl.Write(evalSet, new[] { new QaItem { Id = "e0", Question = "The cat sat on the", Answers = ["mat"] }, new QaItem { Id = "e1", Question = "Once upon a time", Answers = ["there"] } });
        var configPath = Path.Combine(dir, "run.toml");
        File.WriteAllText(configPath, $"""
            name = "endpoint"
            train = "{pool}"
            methods = ["van", "cor", "craft"]
            probe_samples = 2
            probe_max_new_tokens = 6
            set_size = 5
            eval_max_new_tokens = 6
            bootstrap_replicates = 100

            [[eval]]
            name = "open"
            path = "{evalSet}"

            [model]
            endpoint = "{fx.BaseUrl}"
            name = "{EndToEndServer.ModelName}"
            api_key_env = "{KeyEnv}"
            """);
        var config = ConfigLoader.Load<RunConfig>(configPath);
        var runDir = Path.Combine(dir, "run");
        var said = new List<PipelineEvent>();

        // When the pipeline runs
        var report = new RaitPipeline(config, new StageStore(runDir, new HashSet<string>()), new Progress(said)).Run();

        // Then probe, build and the two base evals ran against the endpoint; training and CRaFT were skipped, saying why
        File.Exists(Path.Combine(report, "report.html")).ShouldBeTrue();
        var stages = Directory.GetDirectories(runDir).Select(Path.GetFileName).ToList();
        stages.ShouldContain(s => s!.StartsWith("probe", StringComparison.Ordinal));
        stages.ShouldContain(s => s!.StartsWith("build-van", StringComparison.Ordinal));
        stages.ShouldContain(s => s!.StartsWith("build-cor", StringComparison.Ordinal));
        stages.ShouldNotContain(s => s!.StartsWith("train", StringComparison.Ordinal) || s!.StartsWith("rehearsal", StringComparison.Ordinal) || s!.StartsWith("build-craft", StringComparison.Ordinal));
        var van = Directory.GetDirectories(runDir, "build-van*").Single();
        File.Exists(Path.Combine(van, "llamafactory", "alpaca.json")).ShouldBeTrue();
        File.Exists(Path.Combine(van, "trl", "messages.jsonl")).ShouldBeTrue();
        said.ShouldContain(e => e.Stage == "train" && e.Message.StartsWith("Van-Tuning: training and its eval skipped", StringComparison.Ordinal));
        said.ShouldContain(e => e.Message.Contains("CRaFT") && e.Message.Contains("needs local weights"));
        var probe = Jsonl.Read<ProbeRecord>(Directory.GetFiles(runDir, "probe.jsonl", SearchOption.AllDirectories).Single());
        probe.Count.ShouldBe(8);
        probe.ShouldAllBe(p => p.ModelFingerprint == probe[0].ModelFingerprint && p.ModelFingerprint.StartsWith("endpoint-"));
        var evals = Directory.GetDirectories(runDir, "init-*");
        evals.Length.ShouldBe(2);
        foreach (var e in evals)
        {
            var metrics = EvalMetricsFile.TryRead(e).ShouldNotBeNull();
            metrics.ModelFingerprint.ShouldStartWith("endpoint-");
            Jsonl.Read<EvalAnswer>(Path.Combine(e, EvalRunner.AnswersFile)).Count.ShouldBe(2);
        }

        // And the fingerprint covers the server's /v1/models entry: the same run again reuses every stage
        said.Clear();
        new RaitPipeline(config, new StageStore(runDir, new HashSet<string>()), new Progress(said)).Run();
        said.ShouldNotContain(e => e.Stage == "probe" || e.Stage == "eval");
    }

    private sealed class Progress(List<PipelineEvent> said) : IProgress<PipelineEvent>
    {
        public void Report(PipelineEvent value) { lock (said) said.Add(value); }
    }
}
