using Rait.Core;
using Rait.Core.Config;
using Rait.Core.Records;
using Rait.Model;
using Rait.Model.Checkpoints;
using Rait.Model.Lora;
using Rait.Training.Data;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Rait.Training;

/// <summary>
/// `rait train`: load the base model (with LoRA layers when mode = lora), tokenize the SFT rows with
/// prompt masking, pack them when packing = true, train, and write a PEFT adapter or a full HF folder into the output folder.
/// </summary>
public sealed class SftRecipe(TrainConfig config)
{
    /// <summary>Trains and writes the result; returns the run's summary.</summary>
    /// <exception cref="RaitException">Bad config, empty or malformed data, an output folder holding a finished model (without resume).</exception>
    public TrainResult Run(string modelDir, IReadOnlyList<SftExample> rows, string outDir, bool resume = false,
        IProgress<TrainProgress>? progress = null, CancellationToken ct = default)
    {
        var errors = config.Validate();
        if (errors.Count > 0) throw new RaitException("train config: " + string.Join("; ", errors));
        if (rows.Count == 0) throw new RaitException("training: the dataset is empty.");
        if (!resume && (File.Exists(Path.Combine(outDir, PeftAdapter.ConfigFile)) || File.Exists(Path.Combine(outDir, "model.safetensors"))))
            throw new RaitException($"{outDir}: already holds a trained model; choose another --out or pass --resume.");
        Directory.CreateDirectory(outDir);
        ConfigLoader.SaveResolved(config, Path.Combine(outDir, "resolved_train_config.toml"));

        using var lm = LoadForTraining(modelDir);
        var tokenizer = new SftTokenizer(lm, config.Chat, config.MaxLength, config.Overlong);
        var data = rows.Select(tokenizer.Tokenize).ToList();
        PackingStats? packing = null;
        if (config.Packing)
        {
            data = SequencePacker.Pack(data, config.MaxLength);
            packing = new PackingStats(rows.Count, data.Count, SequencePacker.FillRatio(data, config.MaxLength));
        }
        var trainable = Trainable(lm);
        TrainResult result;
        using (var trainer = new Trainer(lm.Model, config, trainable, lm.PadId))
            result = trainer.Run(data, outDir, resume, progress, ct) with { Packing = packing };

        if (config.Mode == TrainMode.Lora) PeftAdapter.Save(lm.Model, config.Lora, outDir, Path.GetFullPath(modelDir));
        else ModelFolder.SaveFull(lm.Model, modelDir, outDir);
        Core.Io.Jsonl.Write(Path.Combine(outDir, "train_summary.jsonl"), [new TrainSummary(rows.Count, tokenizer.Truncated, result.Steps, result.ResumedFrom,
            result.Log.Count > 0 ? result.Log[^1].Loss : double.NaN, lm.Fingerprint) { Packing = packing }]);
        return result;
    }

    /// <summary>The base model with LoRA layers (float32 adapters over a float32 or bfloat16 base) or plain for full fine-tuning.</summary>
    public LanguageModel LoadForTraining(string modelDir)
    {
        var device = Rait.Model.ComputeDevice.Resolve(config.Device, "device");
        var options = config.Mode == TrainMode.Lora
            ? new ModelLoadOptions { Linear = LoraInjector.Factory(config.Lora), Dtype = config.Bf16Base ? ScalarType.BFloat16 : ScalarType.Float32, Device = device }
            : new ModelLoadOptions { Device = device };
        var lm = LanguageModel.Load(modelDir, options);
        if (config.Mode == TrainMode.Lora)
        {
            LoraInjector.ResetAdapters(lm.Model, config.Seed); // the starting adapter is part of the run: same seed, same start
            LoraInjector.AdaptersToFloat32(lm.Model);
            LoraInjector.FreezeBase(lm.Model);
        }
        return lm;
    }

    /// <summary>Adapter weights (LoRA) or every distinct parameter (full).</summary>
    public IReadOnlyList<(string Name, Parameter P)> Trainable(LanguageModel lm)
    {
        if (config.Mode == TrainMode.Lora) return LoraInjector.AdapterParameters(lm.Model);
        var all = lm.Model.named_parameters().Select(p => (p.name, p.parameter)).ToList();
        foreach (var (_, p) in all) p.requires_grad = true;
        return all;
    }
}

/// <summary>train_summary.jsonl: what was trained on and where it ended.</summary>
public sealed record TrainSummary(int Rows, int Truncated, int Steps, int ResumedFrom, double FinalLoss, string BaseFingerprint)
{
    /// <summary>Rows → packed sequences and their fill ratio; null when packing is off.</summary>
    public PackingStats? Packing { get; init; }
}
