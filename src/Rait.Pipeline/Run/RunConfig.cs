using System.Text.Json.Serialization;
using Rait.Core.Config;
using Rait.Training;

namespace Rait.Pipeline.Run;

/// <summary>Which RAIT methods a run builds, trains and evaluates (Init-Basic and Init-Refuse are always evaluated).</summary>
/// <remarks>CorCer and CraftWithoutCertainty are CRaFT's ablations (w/o flow, w/o certainty), run by `rait demo --ablations`.</remarks>
public enum PipelineMethod { Van, Cor, Rtuning, Craft, Grait, CorCer, CraftWithoutCertainty }

/// <summary>One evaluation set of a run.</summary>
public sealed record EvalSet
{
    public required string Name { get; init; }
    public required string Path { get; init; }
}

/// <summary>
/// `rait run CONFIG.toml`: the whole pipeline's options in one typed, validated record. The demo builds
/// one of these for the synthetic world; users write one for their own model and data.
/// </summary>
public sealed record RunConfig : IValidatable
{
    public string Name { get; init; } = "run";
    /// <summary>The base model: an HF folder, or an OpenAI-compatible endpoint (probe, build and eval only).</summary>
    public required RunModel Model { get; init; }
    /// <summary>QA pool (our QaItem JSONL or any format `rait data` reads) probed and turned into RAIT sets.</summary>
    public required string Train { get; init; }
    public IReadOnlyList<EvalSet> Eval { get; init; } = [];
    public IReadOnlyList<PipelineMethod> Methods { get; init; } = [PipelineMethod.Van, PipelineMethod.Cor, PipelineMethod.Rtuning, PipelineMethod.Craft, PipelineMethod.Grait];
    /// <summary>Samples per question when probing (CRaFT: 10).</summary>
    public int ProbeSamples { get; init; } = 10;
    public int ProbeMaxNewTokens { get; init; } = 24;
    /// <summary>Probe prompt: "{question}" alone (the default, for chat models and the world) or CRaFT's few-shot prompt.</summary>
    public bool ProbeFewShot { get; init; }
    /// <summary>Rows per RAIT set, the same for every method (kept : refused = 4 : 1 where the method has a ratio); a group
    /// with fewer candidates is filled by seeded resampling with replacement, recorded as a shortfall in the manifest.</summary>
    public int SetSize { get; init; } = 1000;
    /// <summary>R-Tuning on the whole pool (its natural size) instead of a random set_size sample; off for a fair comparison.</summary>
    public bool RtuningWholePool { get; init; }
    public int RehearsalSize { get; init; } = 200;
    public TrainConfig Training { get; init; } = new() { Epochs = 3, LearningRate = 1e-3, BatchSize = 8, CheckpointEvery = 50 };
    public int EvalMaxNewTokens { get; init; } = 24;
    public int BootstrapReplicates { get; init; } = 1000;
    /// <summary>Independent repetitions of every stochastic stage (probe sampling, selection, training); results aggregate into mean ± CI.</summary>
    public int Seeds { get; init; } = 1;
    public long Seed { get; init; } = 1;
    /// <summary>Refusal probability / certainty threshold K: facts with exposure ≥ K count as known in ground-truth plots.</summary>
    public int KnownExposure { get; init; } = 1;
    /// <summary>Where every in-process stage (probe, training, gradients, eval) runs: auto, cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = Rait.Model.ComputeDevice.Auto;
    /// <summary>Let a reasoning model (Qwen3) think before answering in probe and eval; off, because answers are capped
    /// at a few dozen tokens. A thinking block is stripped from answers either way.</summary>
    public bool Thinking { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        e.AddRange(Model.Validate());
        if (string.IsNullOrWhiteSpace(Train)) e.Add("train: required (the QA pool to probe)");
        if (Eval.Count == 0) e.Add("eval: at least one evaluation set is needed");
        if (Methods.Count == 0) e.Add("methods: at least one method is needed (van, cor, rtuning, craft, grait, cor_cer, craft_without_certainty)");
        if (ProbeSamples < 2) e.Add($"probe_samples: expected >= 2, got {ProbeSamples}");
        if (ProbeMaxNewTokens <= 0) e.Add($"probe_max_new_tokens: expected > 0, got {ProbeMaxNewTokens}");
        if (SetSize < 5) e.Add($"set_size: expected >= 5, got {SetSize}");
        if (RehearsalSize < 1) e.Add($"rehearsal_size: expected >= 1, got {RehearsalSize}");
        if (EvalMaxNewTokens <= 0) e.Add($"eval_max_new_tokens: expected > 0, got {EvalMaxNewTokens}");
        if (BootstrapReplicates < 100) e.Add($"bootstrap_replicates: expected >= 100, got {BootstrapReplicates}");
        if (Seeds is < 1 or > 20) e.Add($"seeds: expected 1..20, got {Seeds}");
        if (Rait.Model.ComputeDevice.Problem(Device, "device") is { } device) e.Add(device);
        if (Training.Device != Rait.Model.ComputeDevice.Auto) e.Add("training.device: set device at the top of the run config; it applies to every stage");
        e.AddRange(Training.Validate().Select(x => "training." + x));
        if (Training.Mode != TrainMode.Lora) e.Add("training.mode: the pipeline fine-tunes LoRA adapters (mode = \"lora\")");
        return e;
    }
}
