using System.CommandLine;
using Rait.Core;
using Rait.Core.Config;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Training;
using Rait.Training.Data;

namespace Rait.Cli.Commands;

/// <summary>`rait train --model DIR --data FILE --out DIR [--lora-r N] [--epochs N] [--lr X] [--full] [--packing] [--config FILE] [--set k=v] [--resume]`.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "base model folder (Hugging Face layout)", Required = true };
        var data = new Option<string>("--data") { Description = "SFT rows (sft.jsonl from `rait build`, or prompt/answer or messages rows; ids optional)", Required = true };
        var outDir = new Option<string>("--out") { Description = "output folder: PEFT adapter (LoRA) or full model, plus train_log.jsonl and checkpoints", Required = true };
        var config = new Option<string?>("--config") { Description = "train config (TOML/JSON); unknown keys are errors" };
        var set = new Option<string[]>("--set") { Description = "override a config key: key=value (repeatable)" };
        var rank = new Option<int?>("--lora-r") { Description = "LoRA rank" };
        var epochs = new Option<int?>("--epochs") { Description = "passes over the data" };
        var lr = new Option<double?>("--lr") { Description = "peak learning rate" };
        var full = new Option<bool>("--full") { Description = "full fine-tuning instead of LoRA" };
        var packing = new Option<bool>("--packing") { Description = "pack several samples per max_length row (each keeps its own attention, positions and loss)" };
        var device = new Option<string?>("--device") { Description = "auto, cpu, cuda or cuda:N (sets the config's device)" };
        var resume = new Option<bool>("--resume") { Description = "continue from the newest checkpoint in --out" };
        var cmd = new Command("train", "Supervised fine-tuning with prompt masking and per-sample weights (LoRA or full).")
        {
            model, data, outDir, config, set, rank, epochs, lr, full, packing, device, resume,
        };
        cmd.SetAction((r, ct) =>
        {
            var c = r.GetValue(config) is { } path ? ConfigLoader.Load<TrainConfig>(path, r.GetValue(set) ?? [])
                : ConfigLoader.FromOverrides<TrainConfig>(r.GetValue(set) ?? []);
            if (r.GetValue(rank) is { } k) c = c with { Lora = c.Lora with { Rank = k, Alpha = 2 * k } };
            if (r.GetValue(epochs) is { } e) c = c with { Epochs = e };
            if (r.GetValue(lr) is { } l) c = c with { LearningRate = l };
            if (r.GetValue(full)) c = c with { Mode = TrainMode.Full };
            if (r.GetValue(packing)) c = c with { Packing = true };
            if (r.GetValue(device) is { } d) c = c with { Device = d };
            var errors = c.Validate();
            if (errors.Count > 0) throw new RaitException("train options: " + string.Join("; ", errors));
            if (c.Bf16Base && Bf16Advice.Check() is { } warning) Console.Error.WriteLine("warning: " + warning);
            var rows = SftDataFile.Read(r.GetValue(data)!);
            var result = new SftRecipe(c).Run(r.GetValue(model)!, rows, r.GetValue(outDir)!, r.GetValue(resume), ProgressLine.ForTraining(), ct);
            if (result.Packing is { } p) Console.WriteLine($"packed {p.Rows} rows into {p.Sequences} sequence(s) of max_length, {p.FillRatio:P0} full");
            Console.WriteLine($"trained {result.Steps} steps{(result.ResumedFrom > 0 ? $" (resumed from step {result.ResumedFrom})" : "")}; final loss {result.Log[^1].Loss:F4}; output in {r.GetValue(outDir)}");
            return Task.FromResult(0);
        });
        return cmd;
    }
}
