using System.Text.Json.Serialization;
using Rait.Core.Config;
using Rait.Model.Lora;

namespace Rait.Training;

/// <summary>LoRA adapters over a frozen base, or every weight.</summary>
public enum TrainMode { Lora, Full }

/// <summary>How per-sample weights normalise the batch loss (see <see cref="WeightedCausalLoss"/>).</summary>
public enum LossNormalization
{
    /// <summary>Σ w_i·CE_i / Σ w_i: weights act relative to each other within a batch (LLaMA-Factory v1).</summary>
    WeightSum,
    /// <summary>Σ w_i·CE_i / N: weights scale the loss absolutely (GRAIT's weighted SFT).</summary>
    Count,
}

/// <summary>Samples longer than max_length are cut (the answer end is lost) or refused with an error.</summary>
public enum OverlongPolicy { Truncate, Reject }

public enum ScheduleKind { Cosine, Linear, Constant }

/// <summary>The fine-tuning stage's configuration (`rait train --config`); every key is validated.</summary>
public sealed record TrainConfig : IValidatable
{
    public TrainMode Mode { get; init; } = TrainMode.Lora;
    public LoraOptions Lora { get; init; } = new();
    public int Epochs { get; init; } = 3;
    /// <summary>Sequences per micro-batch.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Micro-batches per optimizer step.</summary>
    public int GradientAccumulation { get; init; } = 1;
    public double LearningRate { get; init; } = 2e-4;
    public double WeightDecay { get; init; }
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double AdamEpsilon { get; init; } = 1e-8;
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Cosine;
    /// <summary>Share of all steps spent warming up linearly from 0.</summary>
    public double WarmupRatio { get; init; } = 0.03;
    /// <summary>Clip the global gradient norm to this value (0 = off).</summary>
    public double MaxGradNorm { get; init; } = 1.0;
    public int MaxLength { get; init; } = 512;
    public OverlongPolicy Overlong { get; init; } = OverlongPolicy.Truncate;
    public LossNormalization Normalization { get; init; } = LossNormalization.WeightSum;
    /// <summary>
    /// Pack several samples into each max_length row (first-fit decreasing, once, before shuffling). Each
    /// sample keeps its own positions and attention block and its own mean-token loss, so the loss equals
    /// unpacked training; batch_size then counts packed rows.
    /// </summary>
    public bool Packing { get; init; }
    /// <summary>Render prompts with the model's chat template (when it has one).</summary>
    public bool Chat { get; init; } = true;
    /// <summary>Run the frozen base in bfloat16 (LoRA only); adapters and optimizer stay float32.</summary>
    public bool Bf16Base { get; init; }
    public long Seed { get; init; } = 42;
    /// <summary>auto, cpu, cuda or cuda:N (auto: CUDA when TorchSharp reports it, else the CPU).</summary>
    public string Device { get; init; } = Rait.Model.ComputeDevice.Auto;
    /// <summary>Save a resumable checkpoint every N optimizer steps (0 = only at the end).</summary>
    public int CheckpointEvery { get; init; } = 50;
    public int LogEvery { get; init; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        if (Mode == TrainMode.Lora) e.AddRange(Lora.Validate("lora"));
        if (Epochs <= 0) e.Add($"epochs: expected > 0, got {Epochs}");
        if (BatchSize <= 0) e.Add($"batch_size: expected > 0, got {BatchSize}");
        if (GradientAccumulation <= 0) e.Add($"gradient_accumulation: expected > 0, got {GradientAccumulation}");
        if (!(LearningRate > 0)) e.Add($"learning_rate: expected > 0, got {LearningRate}");
        if (WeightDecay < 0) e.Add($"weight_decay: expected >= 0, got {WeightDecay}");
        if (Beta1 is < 0 or >= 1) e.Add($"beta1: expected in [0, 1), got {Beta1}");
        if (Beta2 is < 0 or >= 1) e.Add($"beta2: expected in [0, 1), got {Beta2}");
        if (!(AdamEpsilon > 0)) e.Add($"adam_epsilon: expected > 0, got {AdamEpsilon}");
        if (WarmupRatio is < 0 or >= 1) e.Add($"warmup_ratio: expected in [0, 1), got {WarmupRatio}");
        if (MaxGradNorm < 0) e.Add($"max_grad_norm: expected >= 0, got {MaxGradNorm}");
        if (MaxLength < 2) e.Add($"max_length: expected >= 2, got {MaxLength}");
        if (CheckpointEvery < 0) e.Add($"checkpoint_every: expected >= 0, got {CheckpointEvery}");
        if (LogEvery <= 0) e.Add($"log_every: expected > 0, got {LogEvery}");
        if (Rait.Model.ComputeDevice.Problem(Device, "device") is { } device) e.Add(device);
        if (Bf16Base && Mode == TrainMode.Full) e.Add("bf16_base: only with mode = \"lora\" (full fine-tuning keeps float32 master weights)");
        return e;
    }
}
