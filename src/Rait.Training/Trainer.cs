using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Training.Checkpointing;
using Rait.Training.Data;
using Rait.Training.Optim;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Rait.Training;

/// <summary>
/// The training loop every method shares: seeded order, gradient accumulation with an exact
/// effective-batch loss, clipping, AdamW with warm-up + decay, a NaN/inf guard, JSONL log and
/// resumable checkpoints. Which parameters train (LoRA adapters or all) is decided by the caller.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly LlamaForCausalLM _model;
    private readonly TrainConfig _config;
    private readonly IReadOnlyList<(string Name, Parameter P)> _trainable;
    private readonly int _padId;
    private readonly IReadOnlyList<LoraLinear> _loraLayers; // found once: each step hands them its dropout generator

    public Trainer(LlamaForCausalLM model, TrainConfig config, IReadOnlyList<(string Name, Parameter P)> trainable, int padId)
    {
        var errors = config.Validate();
        if (errors.Count > 0) throw new RaitException("train config: " + string.Join("; ", errors));
        if (trainable.Count == 0) throw new RaitException("training: no trainable parameters.");
        _model = model;
        _config = config;
        _trainable = trainable;
        _padId = padId;
        _loraLayers = LoraInjector.LoraLayers(model).ToList();
        Optimizer = new AdamW(trainable, config.Beta1, config.Beta2, config.AdamEpsilon, config.WeightDecay);
    }

    /// <summary>The optimizer (its moments precondition GRAIT's gradient features).</summary>
    public AdamW Optimizer { get; }

    /// <summary>Trains on <paramref name="data"/>. With a work folder, logs and checkpoints go there and
    /// <paramref name="resume"/> continues from its newest checkpoint.</summary>
    /// <exception cref="RaitException">Empty data, divergence (NaN/inf; the last good checkpoint is kept), or a foreign checkpoint.</exception>
    public TrainResult Run(IReadOnlyList<TokenizedExample> data, string? workDir, bool resume = false,
        IProgress<TrainProgress>? progress = null, CancellationToken ct = default)
    {
        if (data.Count == 0) throw new RaitException("training: the dataset is empty.");
        var plan = new TrainingPlan(data.Count, _config);
        string dataFp = TrainingPlan.Fingerprint(data), configHash = ConfigHash();
        int start = 0;
        if (resume && workDir is not null && TrainCheckpoint.Latest(workDir) is { } ckpt)
            start = TrainCheckpoint.Load(ckpt, dataFp, configHash, _trainable, Optimizer).Step;
        var logPath = workDir is null ? null : Path.Combine(workDir, "train_log.jsonl");
        var log = logPath is null ? [] : PrepareLog(logPath, start);
        var schedule = new LrSchedule(_config.LearningRate, plan.Steps.Count, (int)Math.Ceiling(_config.WarmupRatio * plan.Steps.Count), _config.Schedule);
        var clock = Stopwatch.StartNew();
        long tokensSeen = 0;
        _model.train();
        try
        {
            for (int step = start; step < plan.Steps.Count; step++)
            {
                ct.ThrowIfCancellationRequested();
                var (epoch, indices) = plan.Steps[step];
                // dropout masks depend only on (seed, step): a resumed run replays them, and nothing else in the process can shift them
                using var stepRng = new Generator(unchecked((ulong)(_config.Seed * 1_000_003 + step)));
                foreach (var layer in _loraLayers) layer.DropoutGenerator = stepRng;
                var (loss, tokens) = AccumulateGradients(indices.Select(i => data[i]).ToList());
                double gradNorm = ClipGradients();
                if (!double.IsFinite(loss) || !double.IsFinite(gradNorm))
                    throw new RaitException($"training diverged at step {step + 1} (loss {loss}, grad norm {gradNorm}); weights of that step were not applied"
                        + (workDir is not null && TrainCheckpoint.Latest(workDir) is { } good ? $"; the last good checkpoint is {good}." : "."));
                double lr = schedule.At(step);
                Optimizer.Update(lr);
                Optimizer.ZeroGrad();
                tokensSeen += tokens;
                var entry = new TrainStepLog(step + 1, epoch + 1, loss, lr, gradNorm, tokensSeen / Math.Max(1e-9, clock.Elapsed.TotalSeconds), tokens);
                log.Add(entry);
                if (logPath is not null && (step + 1) % _config.LogEvery == 0) Jsonl.Append(logPath, [entry]);
                double rate = (step + 1 - start) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                progress?.Report(new TrainProgress(step + 1, plan.Steps.Count, loss, entry.TokensPerSecond, TimeSpan.FromSeconds((plan.Steps.Count - step - 1) / Math.Max(rate, 1e-9))));
                bool last = step + 1 == plan.Steps.Count;
                if (workDir is not null && (last || (_config.CheckpointEvery > 0 && (step + 1) % _config.CheckpointEvery == 0)))
                    TrainCheckpoint.Save(workDir, new CheckpointState(step + 1, plan.Steps.Count, dataFp, configHash), _trainable, Optimizer);
            }
        }
        finally
        {
            foreach (var layer in _loraLayers) layer.DropoutGenerator = null;
            Optimizer.ZeroGrad();
            _model.eval();
        }
        return new TrainResult(plan.Steps.Count, log, start);
    }

    /// <summary>Forward/backward over the micro-batches of one optimizer step.</summary>
    /// <returns>The step's loss Σ w_i·CE_i / D and the number of tokens processed.</returns>
    private (double Loss, long Tokens) AccumulateGradients(IReadOnlyList<TokenizedExample> step)
    {
        double denominator = SftStep.Denominator(step, _config.Normalization);
        if (denominator <= 0) return (0, 0); // every weight is 0: nothing to learn from this step
        double total = 0;
        long tokens = 0;
        for (int s = 0; s < step.Count; s += _config.BatchSize)
        {
            var micro = step.Skip(s).Take(_config.BatchSize).ToList();
            total += SftStep.ForwardBackward(_model, micro, _padId, denominator);
            tokens += micro.Sum(x => (long)x.InputIds.Length);
        }
        return (total, tokens);
    }

    /// <summary>Global L2 norm of the gradients, clipped in place to max_grad_norm.</summary>
    private double ClipGradients()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var grads = _trainable.Select(p => p.P.grad).Where(g => g is not null).Select(g => g!).ToList();
        if (grads.Count == 0) return 0;
        // Per-tensor norms without a squared temporary, combined in float64 on the device: one host sync per
        // step instead of one per parameter (LoRA has two per adapted linear).
        var norms = stack(grads.Select(g => g.to(ScalarType.Float32).norm()).ToArray()).to(ScalarType.Float64);
        double norm = Math.Sqrt(norms.square().sum().item<double>());
        if (_config.MaxGradNorm > 0 && norm > _config.MaxGradNorm && double.IsFinite(norm))
            foreach (var g in grads) g.mul_(_config.MaxGradNorm / (norm + 1e-6));
        return norm;
    }

    private string ConfigHash()
    {
        var json = JsonSerializer.Serialize(_config with { CheckpointEvery = 0, LogEvery = 1 }, Jsonl.Options);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16].ToLowerInvariant();
    }

    /// <summary>Keeps the log lines up to the resumed step (a killed run may have logged past its checkpoint).</summary>
    private static List<TrainStepLog> PrepareLog(string path, int upToStep)
    {
        var kept = File.Exists(path) && upToStep > 0 ? Jsonl.Read<TrainStepLog>(path).Where(l => l.Step <= upToStep).ToList() : [];
        Jsonl.Write(path, kept);
        return kept;
    }

    public void Dispose() => Optimizer.Dispose();
}
