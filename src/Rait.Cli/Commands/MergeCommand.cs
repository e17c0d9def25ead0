using System.CommandLine;
using Rait.Core;
using Rait.Model.Lora;
using Rait.Training;

namespace Rait.Cli.Commands;

/// <summary>`rait merge --model DIR --adapter DIR --out DIR`: folds a LoRA adapter into the base weights.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "base model folder", Required = true };
        var adapter = new Option<string>("--adapter") { Description = "PEFT LoRA adapter folder", Required = true };
        var outDir = new Option<string>("--out") { Description = "folder for the merged Hugging Face model", Required = true };
        var cmd = new Command("merge", "Merge a LoRA adapter into its base model and save a standard model folder.") { model, adapter, outDir };
        cmd.SetAction(r =>
        {
            var o = r.GetValue(outDir)!;
            if (File.Exists(Path.Combine(o, "model.safetensors"))) throw new RaitException($"{o}: already holds a model; choose another --out.");
            using var m = PeftAdapter.LoadWithAdapter(r.GetValue(model)!, r.GetValue(adapter)!);
            ModelFolder.SaveFull(m, r.GetValue(model)!, o);
            Console.WriteLine($"merged model written to {o}");
            return 0;
        });
        return cmd;
    }
}
