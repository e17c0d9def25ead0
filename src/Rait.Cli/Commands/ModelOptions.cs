using System.CommandLine;
using Rait.Core;
using Rait.Model;
using Rait.Model.Chat;
using Rait.Model.Checkpoints;
using static TorchSharp.torch;

namespace Rait.Cli.Commands;

/// <summary>The options every command that loads a model shares: --model, --adapter, --dtype, --device, --threads, --thinking.</summary>
internal sealed class ModelOptions
{
    public ModelOptions(bool modelRequired = true, string? modelDescription = null)
    {
        Model = new("--model")
        {
            Description = modelDescription ?? "Hugging Face model folder (config.json, *.safetensors, tokenizer.json)",
            Required = modelRequired,
        };
    }

    public Option<string?> Model { get; }
    public Option<string?> Adapter { get; } = new("--adapter") { Description = "PEFT LoRA adapter folder applied on top of the model" };
    public Option<string> Dtype { get; } = new("--dtype") { Description = "compute dtype: float32 or bfloat16", DefaultValueFactory = _ => "float32" };
    public Option<string> Device { get; } = new("--device") { Description = "auto, cpu, cuda or cuda:N (auto: cuda when TorchSharp reports it, else cpu)", DefaultValueFactory = _ => ComputeDevice.Auto };
    public Option<int> Threads { get; } = new("--threads") { Description = "CPU threads for tensor math (0 = all cores)", DefaultValueFactory = _ => 0 };
    public Option<bool> Thinking { get; } = new("--thinking") { Description = "let a reasoning model think before answering (Qwen3 enable_thinking); the thinking block is stripped from answers" };

    public IEnumerable<Option> All => [Model, Adapter, Dtype, Device, Threads, Thinking];

    public void AddTo(Command c)
    {
        foreach (var o in All) c.Options.Add(o);
    }

    /// <summary>Applies --threads and loads --model with the other options.</summary>
    public LanguageModel Load(ParseResult r) =>
        Load(r, r.GetValue(Model) ?? throw new RaitException("--model: a Hugging Face model folder is required."));

    public LanguageModel Load(ParseResult r, string modelDir)
    {
        if (r.GetValue(Threads) is > 0 and var threads) set_num_threads(threads);
        return LanguageModel.Load(modelDir, LoadOptions(r), r.GetValue(Adapter), new ChatTemplateOptions(Thinking: r.GetValue(Thinking)));
    }

    /// <summary>--dtype and --device as load options (for stages that load the model themselves).</summary>
    public ModelLoadOptions LoadOptions(ParseResult r) => new()
    {
        Dtype = r.GetValue(Dtype) switch
        {
            "float32" or "fp32" or null => ScalarType.Float32,
            "bfloat16" or "bf16" => ScalarType.BFloat16,
            var other => throw new RaitException($"--dtype: expected float32 or bfloat16, got \"{other}\"."),
        },
        Device = ComputeDevice.Resolve(r.GetValue(Device)),
    };
}
