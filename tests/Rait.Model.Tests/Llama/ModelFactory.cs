using Rait.Model.Llama;
using TorchSharp;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Llama;

/// <summary>Small random models of each family for parity tests.</summary>
internal static class ModelFactory
{
    public static LlamaConfig Tiny(ModelFamily family) => family switch
    {
        ModelFamily.Qwen2 => new LlamaConfig { Family = family, HiddenSize = 32, IntermediateSize = 48, NumLayers = 2, NumHeads = 4, NumKvHeads = 2, VocabSize = 61, MaxPositions = 64, QkvBias = true, RopeTheta = 1e6, TieWordEmbeddings = true },
        ModelFamily.Qwen3 => new LlamaConfig { Family = family, HiddenSize = 32, IntermediateSize = 48, NumLayers = 2, NumHeads = 4, NumKvHeads = 2, HeadDim = 12, VocabSize = 61, MaxPositions = 64, QkNorm = true, RopeTheta = 1e6, TieWordEmbeddings = true },
        ModelFamily.Mistral => new LlamaConfig { Family = family, HiddenSize = 32, IntermediateSize = 40, NumLayers = 2, NumHeads = 8, NumKvHeads = 2, VocabSize = 61, MaxPositions = 64 },
        _ => new LlamaConfig { Family = family, HiddenSize = 32, IntermediateSize = 40, NumLayers = 2, NumHeads = 4, NumKvHeads = 4, VocabSize = 61, MaxPositions = 64 },
    };

    /// <summary>A model whose every parameter (norm weights and biases too) is random, so no wiring hides behind ones/zeros.</summary>
    public static LlamaForCausalLM Random(LlamaConfig config, long seed)
    {
        var model = new LlamaForCausalLM(config);
        using var rng = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (_, p) in model.named_parameters())
        {
            using var r = randn(p.shape, generator: rng) * 0.3;
            p.copy_(p.dim() == 1 ? r + 1.0 : r);
        }
        return model;
    }

    public static Dictionary<string, float[]> Weights(LlamaForCausalLM model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float32).data<float>().ToArray());
}
