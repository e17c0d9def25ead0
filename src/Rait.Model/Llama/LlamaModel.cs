using Rait.Model.Modules;
using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Llama;

/// <summary>The decoder stack: token embeddings, N decoder layers, final RMSNorm (HF `model.*` keys).</summary>
public sealed class LlamaModel : nn.Module<Tensor, AttentionInput, Tensor>
{
    [ComponentName(Name = "embed_tokens")] private readonly Embedding _embedTokens;
    [ComponentName(Name = "layers")] private readonly ModuleList<LlamaDecoderLayer> _layers;
    [ComponentName(Name = "norm")] private readonly RmsNorm _norm;

    public LlamaModel(LlamaConfig c, LinearFactory linear) : base(nameof(LlamaModel))
    {
        _embedTokens = nn.Embedding(c.VocabSize, c.HiddenSize);
        _layers = new ModuleList<LlamaDecoderLayer>();
        for (int i = 0; i < c.NumLayers; i++) _layers.Add(new LlamaDecoderLayer(c, linear, i));
        _norm = new RmsNorm(c.HiddenSize, c.RmsNormEps);
        RegisterComponents();
    }

    /// <summary>The embedding matrix [V, D], also the output projection when embeddings are tied.</summary>
    public Parameter EmbeddingWeight => _embedTokens.weight!;

    public Tensor Embed(Tensor ids) => _embedTokens.call(ids);

    /// <param name="h">[B, T, D] embedded tokens.</param>
    /// <param name="a">Shared per-layer input; the layer index is filled in here.</param>
    /// <returns>[B, T, D] normalised hidden states.</returns>
    public override Tensor forward(Tensor h, AttentionInput a)
    {
        using var scope = NewDisposeScope();
        for (int i = 0; i < _layers.Count; i++)
            h = _layers[i].call(h, a with { Layer = i });
        return _norm.call(h).MoveToOuterDisposeScope();
    }
}
