using System.Text.Json;
using Rait.Core;
using Rait.Core.Config;
using Rait.Core.Endpoints;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Core.Text;
using Rait.Methods;
using Rait.Methods.Config;
using Rait.Methods.Craft;
using Rait.Methods.Options;
using Rait.Model;
using Rait.Model.Chat;
using Rait.Model.Checkpoints;
using Rait.Evaluation;
using Rait.Evaluation.Metrics;
using Rait.Evaluation.Report;
using Rait.Pipeline.Eval;
using Rait.Probing;
using PromptStyle = Rait.Methods.Options.PromptStyle;
using Rait.Probing.Backends;
using Rait.Training;
using Rait.Training.Data;

namespace Rait.Pipeline.Run;

/// <summary>What a pipeline stage reports while it works.</summary>
public sealed record PipelineEvent(string Stage, string Message);

/// <summary>
/// The whole RAIT pipeline: probe → (rehearsal, gradients) → build → train → eval → report. Each stage
/// writes into a content-addressed folder of the run (see <see cref="StageStore"/>), so re-running skips
/// what is finished and a killed run resumes.
/// </summary>
public sealed class RaitPipeline(RunConfig config, StageStore store, IProgress<PipelineEvent>? log = null)
{
    private string? _fingerprint;

    /// <summary>Asked once per run: hashing the folder, or asking the endpoint what it serves.</summary>
    private string ModelFp => _fingerprint ??= config.Model.Endpoint is { } e ? e.Fingerprint() : LanguageModel.FingerprintOf(config.Model.Folder);

    private EndpointModel? Endpoint => config.Model.Endpoint;

    /// <summary>Runs every stage for every seed and writes the report; returns the report folder.</summary>
    public string Run(CancellationToken ct = default)
    {
        var errors = config.Validate();
        if (errors.Count > 0) throw new RaitException("run config: " + string.Join("; ", errors));
        store.CheckVersion();
        ConfigLoader.SaveResolved(config, Path.Combine(store.Root, "resolved_config.toml"));
        var outcomes = new List<EvalOutcome>();
        var initBasic = Eval("init-basic", "Init-Basic", null, PromptStyle.Basic, null, ct);
        outcomes.Add(initBasic);
        outcomes.Add(Eval("init-refuse", "Init-Refuse", null, PromptStyle.Refuse, initBasic.Dir, ct));
        var probes = new List<string>();
        for (int s = 0; s < config.Seeds; s++)
        {
            long seed = config.Seed + s;
            var probe = Probe("probe", null, seed, ct);
            probes.Add(probe);
            foreach (var m in config.Methods)
            {
                ct.ThrowIfCancellationRequested();
                // CRaFT's rehearsal and GRAIT's gradients fine-tune the model itself; a served model cannot be.
                if (Endpoint is not null && (MethodSetup.NeedsRehearsedProbe(m) || m == PipelineMethod.Grait))
                {
                    Say("build", $"{MethodSetup.Name(m)}: skipped; its {(m == PipelineMethod.Grait ? "gradient selection" : "rehearsal fine-tune")} needs local weights, and the model is an endpoint");
                    continue;
                }
                var set = Build(m, probe, seed, ct);
                if (Endpoint is not null)
                {
                    Say("train", $"{MethodSetup.Name(m)}: training and its eval skipped (an endpoint model has no local weights); train elsewhere from {Path.Combine(set, "llamafactory")} or {Path.Combine(set, "trl")}");
                    continue;
                }
                var adapter = Train(MethodSetup.Name(m), set, seed, ct);
                outcomes.Add(Eval($"eval-{m.ToString().ToLowerInvariant()}", MethodSetup.Name(m), adapter, PromptStyle.Refuse, initBasic.Dir, ct) with { Seed = seed, TrainDir = adapter, SetDir = set });
            }
        }
        return Report(outcomes, probes);
    }

    private string Probe(string stage, string? adapter, long seed, CancellationToken ct)
    {
        var probeConfig = ProbeConfigFor(seed);
        var key = new { model = ModelFp, adapter = adapter is null ? null : LanguageModel.FingerprintOf(config.Model.Folder, adapter), data = FileHash(config.Train), probeConfig, thinking = config.Thinking };
        return Path.Combine(store.RunStage("probe", store.Dir(stage, key), dir =>
        {
            Say("probe", $"probing {Path.GetFileName(config.Train)} ({(adapter is null ? "base model" : "rehearsed model")}, seed {seed})");
            using var backend = ProbeBackend(adapter);
            var prober = new KnowledgeProber(backend, probeConfig);
            prober.RunAsync(config.Train, Path.Combine(dir, "probe.jsonl"), null, ct).GetAwaiter().GetResult();
        }), "probe.jsonl");
    }

    private IProbeBackend ProbeBackend(string? adapter) => Endpoint is { } e
        ? new EndpointBackend(e.Client(), e.Endpoint, e.Name, ModelFp)
        : new EngineBackend(LanguageModel.Load(config.Model.Folder, LoadOptions, adapter, ChatOptions), ownsModel: true);

    // The device is left out of the stage keys (a stage's result does not depend on where it ran); thinking is in the
    // probe and eval keys, since it changes the answers.
    private ModelLoadOptions LoadOptions => new() { Device = ComputeDevice.Resolve(config.Device, "device") };
    private ChatTemplateOptions ChatOptions => new(Thinking: config.Thinking);
    private TrainConfig TrainingOn(long seed) => config.Training with { Seed = seed, Device = config.Device };

    private ProbeConfig ProbeConfigFor(long seed) => config.ProbeFewShot
        ? new ProbeConfig { Samples = config.ProbeSamples, MaxNewTokens = config.ProbeMaxNewTokens, Seed = seed }
        : ProbeConfig.QuestionOnly(config.ProbeSamples, config.ProbeMaxNewTokens, seed);

    private string Build(PipelineMethod m, string probe, long seed, CancellationToken ct)
    {
        var options = MethodSetup.For(m, config, seed);
        string? rehearsed = null, gradients = null;
        if (MethodSetup.NeedsRehearsedProbe(m))
            rehearsed = Probe("probe-rehearsed", Rehearsal(probe, seed, ct), seed, ct);
        else if (m == PipelineMethod.Grait)
            gradients = Gradients(probe, Rehearsal(probe, seed, ct), (GraitOptions)options, seed);
        var key = new { probe = FileHash(probe), rehearsed = rehearsed is null ? null : FileHash(rehearsed), gradients = gradients is null ? null : FileHash(gradients), options = (object)options };
        return store.RunStage("build", store.Dir($"build-{m.ToString().ToLowerInvariant()}", key), dir =>
        {
            Say("build", $"{MethodSetup.Name(m)} set (seed {seed})");
            var outcome = BuildRecipe.Run(new BuildConfig { Options = options, Inputs = new BuildInputPaths { Probe = probe, Rehearsed = rehearsed, Gradients = gradients } }, dir);
            var summary = outcome.Result.Summary;
            Say("build", $"{MethodSetup.Name(m)}: {outcome.Result.Examples.Count} rows ({string.Join(", ", summary.ByReason.Select(kv => $"{kv.Key} {kv.Value}"))})"
                + string.Concat(summary.Shortfalls.Select(f => $"; {f.Group}: {f.Available} of {f.Asked} available, {f.Resampled} resampled")));
        });
    }

    /// <summary>CRaFT's rehearsal fine-tune (also GRAIT's warm-up): a short LoRA run on the certain, correct questions.</summary>
    private string Rehearsal(string probe, long seed, CancellationToken ct)
    {
        var options = MethodSetup.Rehearsal(config, seed);
        var key = new { probe = FileHash(probe), options, train = config.Training with { Seed = seed } };
        return store.RunStage("rehearsal", store.Dir("rehearsal", key), dir =>
        {
            var rows = CraftRehearsalSelector.Select(ProbeTable.Load(probe), options);
            if (rows.Count == 0) throw new RaitException($"{probe}: no question qualifies for rehearsal (μ = 1 and high certainty); the model knows too little of the pool.");
            Say("rehearsal", $"rehearsal fine-tune on {rows.Count} known, certain questions (seed {seed})");
            new SftRecipe(TrainingOn(seed)).Run(config.Model.Folder, rows, dir, resume: true, ct: ct);
        });
    }

    private string Gradients(string probe, string warmUp, GraitOptions options, long seed)
    {
        var key = new { probe = FileHash(probe), warmUp = FileHash(Path.Combine(warmUp, "adapter_model.safetensors")), seed, prompt = options.Prompt };
        return Path.Combine(store.RunStage("gradients", store.Dir("gradients", key), dir =>
        {
            Say("gradients", "per-sample LoRA gradients (answer and refusal) for every pool question");
            GradientStage.Run(config.Model.Folder, warmUp, ProbeTable.Load(probe), options, TrainingOn(seed), Path.Combine(dir, "gradients.jsonl"), seed);
        }), "gradients.jsonl");
    }

    private string Train(string method, string setDir, long seed, CancellationToken ct)
    {
        var sft = Path.Combine(setDir, "sft.jsonl");
        var train = config.Training with { Seed = seed };
        var key = new { model = ModelFp, data = FileHash(sft), train };
        return store.RunStage("train", store.Dir($"train-{method.ToLowerInvariant()}", key), dir =>
        {
            var rows = SftDataFile.Read(sft);
            Say("train", $"{method}: LoRA fine-tune on {rows.Count} rows (seed {seed})");
            new SftRecipe(TrainingOn(seed)).Run(config.Model.Folder, rows, dir, resume: true, ct: ct);
        });
    }

    private EvalOutcome Eval(string stage, string method, string? adapter, PromptStyle style, string? reference, CancellationToken ct)
    {
        var evalConfig = new EvalConfig
        {
            Prompt = new PromptOptions { Style = style }, MaxNewTokensOpen = config.EvalMaxNewTokens, MaxNewTokensMc = config.EvalMaxNewTokens,
            Evaluation = new EvaluationOptions { Bootstrap = new BootstrapOptions { Replicates = config.BootstrapReplicates, Seed = (ulong)config.Seed } },
        };
        var key = new
        {
            model = ModelFp, adapter = adapter is null ? null : FileHash(Path.Combine(adapter, "adapter_model.safetensors")),
            data = config.Eval.Select(e => new { e.Name, hash = FileHash(e.Path) }).ToList(), evalConfig, reference, method, thinking = config.Thinking,
        };
        var dir = store.RunStage("eval", store.Dir(stage, key), d =>
        {
            Say("eval", $"{method}: greedy answers on {string.Join(", ", config.Eval.Select(e => e.Name))}");
            new EvalRunner(evalConfig).Run(new EvalRequest
            {
                Model = Endpoint is { } e ? EvalModelSource.FromEndpoint(e, ModelFp) : EvalModelSource.FromFolder(config.Model.Folder, adapter, LoadOptions, ChatOptions), Data = config.Eval.Select(e => new EvalDataFile(e.Path, e.Name)).ToList(),
                OutDir = d, ReferenceDir = reference, Method = method,
            }, null, ct);
        });
        var metrics = EvalMetricsFile.TryRead(dir) ?? throw new RaitException($"{dir}: metrics.json missing although the stage finished; delete the folder to rerun it.");
        return new EvalOutcome(method, dir, metrics.Splits.Select(s => s.Result).ToList());
    }

    private string Report(IReadOnlyList<EvalOutcome> outcomes, IReadOnlyList<string> probes)
    {
        var dir = Path.Combine(store.Root, "report");
        var input = RunReport.Build(config.Name, outcomes, probes[0], config.KnownExposure);
        ReportWriter.Write(input, dir);
        Say("report", $"report written to {Path.Combine(dir, "report.html")}");
        return dir;
    }

    private void Say(string stage, string message) => log?.Report(new PipelineEvent(stage, message));

    /// <summary>Short content hash of a file (stage keys depend on content, not on paths or times).</summary>
    public static string FileHash(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found.");
        using var fs = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(fs))[..16].ToLowerInvariant();
    }
}
