using System.CommandLine;
using Rait.Core;
using Rait.Model;
using Rait.Model.Checkpoints;
using static TorchSharp.torch;

namespace Rait.Cli.Commands;

/// <summary>The options every command that loads a model shares: --model, --adapter, --dtype, --threads.</summary>
internal sealed class ModelOptions
{
    public Option<string> Model { get; } = new("--model") { Description = "Hugging Face model folder (config.json, *.safetensors, tokenizer.json)", Required = true };
    public Option<string?> Adapter { get; } = new("--adapter") { Description = "PEFT LoRA adapter folder applied on top of the model" };
    public Option<string> Dtype { get; } = new("--dtype") { Description = "compute dtype: float32 or bfloat16", DefaultValueFactory = _ => "float32" };
    public Option<int> Threads { get; } = new("--threads") { Description = "CPU threads for tensor math (0 = all cores)", DefaultValueFactory = _ => 0 };

    public void AddTo(Command c)
    {
        c.Options.Add(Model);
        c.Options.Add(Adapter);
        c.Options.Add(Dtype);
        c.Options.Add(Threads);
    }

    public LanguageModel Load(ParseResult r) =>
        LoadModel(r.GetValue(Model)!, r.GetValue(Adapter), r.GetValue(Dtype), r.GetValue(Threads));

    /// <summary>Applies --threads and --dtype and loads the model (shared by every command that runs one).</summary>
    public static LanguageModel LoadModel(string modelDir, string? adapter, string? dtypeName, int threads)
    {
        if (threads > 0) set_num_threads(threads);
        var dtype = dtypeName switch
        {
            "float32" or "fp32" or null => ScalarType.Float32,
            "bfloat16" or "bf16" => ScalarType.BFloat16,
            var other => throw new RaitException($"--dtype: expected float32 or bfloat16, got \"{other}\"."),
        };
        return LanguageModel.Load(modelDir, new ModelLoadOptions { Dtype = dtype }, adapter);
    }
}
