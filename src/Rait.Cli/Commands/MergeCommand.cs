using System.CommandLine;
using Rait.Core;
using Rait.Model.Checkpoints;
using Rait.Model.Lora;
using Rait.Training;
using static TorchSharp.torch;

namespace Rait.Cli.Commands;

/// <summary>`rait merge --model DIR --adapter DIR --out DIR [--dtype D] [--max-shard-size S]`: folds a LoRA adapter
/// into the base weights and saves them the way Hugging Face save_pretrained does.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "base model folder", Required = true };
        var adapter = new Option<string>("--adapter") { Description = "PEFT LoRA adapter folder", Required = true };
        var outDir = new Option<string>("--out") { Description = "folder for the merged Hugging Face model", Required = true };
        var dtype = new Option<string>("--dtype")
        {
            Description = "weight dtype to write: auto (the base config's torch_dtype), float32, bfloat16 or float16",
            DefaultValueFactory = _ => "auto",
        };
        var maxShard = new Option<string>("--max-shard-size")
        {
            Description = "largest safetensors shard, e.g. 500MB, 2GB, 10GiB or bytes (KB/MB/GB decimal, KiB/MiB/GiB binary)",
            DefaultValueFactory = _ => "5GB",
        };
        var cmd = new Command("merge", "Merge a LoRA adapter into its base model and save a standard model folder.")
            { model, adapter, outDir, dtype, maxShard };
        cmd.SetAction(r =>
        {
            var o = r.GetValue(outDir)!;
            // Options are checked before the model is loaded, so a typo costs nothing.
            var dtypeText = r.GetValue(dtype) ?? "auto";
            ScalarType? explicitDtype = dtypeText == "auto" ? null
                : HfCheckpoint.ParseDtypeName(dtypeText) ?? throw new RaitException($"--dtype: expected auto, float32, bfloat16 or float16, got \"{dtypeText}\".");
            long maxShardBytes = ShardPlan.ParseSize(r.GetValue(maxShard), "--max-shard-size");
            // Merging into an existing model folder would mix its weights with ours.
            if (File.Exists(Path.Combine(o, "model.safetensors")) || File.Exists(Path.Combine(o, "model.safetensors.index.json")))
                throw new RaitException($"{o}: already holds a model; choose another --out.");
            using var m = PeftAdapter.LoadWithAdapter(r.GetValue(model)!, r.GetValue(adapter)!);
            // HF configs name other dtypes too (e.g. "float64"); a merge has no reason to write those.
            var weightDtype = explicitDtype ?? HfCheckpoint.ParseDtypeName(m.Config.TorchDtype) ?? ScalarType.Float32;
            ModelFolder.SaveFull(m, r.GetValue(model)!, o, weightDtype, maxShardBytes);
            Console.WriteLine($"merged model written to {o} ({HfCheckpoint.DtypeName(weightDtype)})");
            return 0;
        });
        return cmd;
    }
}
