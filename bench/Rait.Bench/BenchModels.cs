using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Model.Modules;
using Rait.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rait.Bench;

/// <summary>Model shapes and randomly initialised training models shared by the suites.</summary>
internal static class BenchModels
{
    /// <summary>A ~100M-parameter Llama with grouped-query attention (12 query heads over 4 key/value heads).</summary>
    public static LlamaConfig Llama100M { get; } = new LlamaConfig
    {
        HiddenSize = 768, IntermediateSize = 2048, NumLayers = 12, NumHeads = 12, NumKvHeads = 4, VocabSize = 32000,
        MaxPositions = 512, TieWordEmbeddings = true,
    }.Normalized();

    /// <summary>The adapter every suite trains: rank 8, no dropout.</summary>
    public static LoraOptions Lora { get; } = new() { Rank = 8, Alpha = 16, Dropout = 0 };

    /// <summary>A random model of <paramref name="shape"/> ready to train: LoRA adapters over a frozen base (optionally
    /// bfloat16), or every parameter for full fine-tuning.</summary>
    public static (LlamaForCausalLM Model, IReadOnlyList<(string Name, Parameter P)> Trainable) ForTraining(LlamaConfig shape, TrainMode mode, bool bf16Base = false)
    {
        manual_seed(1);
        var model = new LlamaForCausalLM(shape, mode == TrainMode.Lora ? LoraInjector.Factory(Lora) : Linears.Plain);
        if (bf16Base) { model.to(ScalarType.BFloat16); LoraInjector.AdaptersToFloat32(model); }
        if (mode != TrainMode.Lora) return (model, model.named_parameters().Select(p => (p.name, p.parameter)).ToList());
        LoraInjector.FreezeBase(model);
        return (model, LoraInjector.AdapterParameters(model));
    }
}
