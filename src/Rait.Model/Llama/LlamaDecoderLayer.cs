using Rait.Model.Modules;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Rait.Model.Llama;

/// <summary>Pre-norm residual block: h += attn(norm(h)); h += mlp(norm(h)).</summary>
public sealed class LlamaDecoderLayer : nn.Module<Tensor, AttentionInput, Tensor>
{
    [ComponentName(Name = "self_attn")] private readonly LlamaAttention _selfAttn;
    [ComponentName(Name = "mlp")] private readonly LlamaMlp _mlp;
    [ComponentName(Name = "input_layernorm")] private readonly RmsNorm _inputLayernorm;
    [ComponentName(Name = "post_attention_layernorm")] private readonly RmsNorm _postAttentionLayernorm;

    public LlamaDecoderLayer(LlamaConfig c, LinearFactory linear, int index) : base(nameof(LlamaDecoderLayer))
    {
        _selfAttn = new LlamaAttention(c, linear, c.IsSliding(index));
        _mlp = new LlamaMlp(c.HiddenSize, c.IntermediateSize, c.MlpBias, linear);
        _inputLayernorm = new RmsNorm(c.HiddenSize, c.RmsNormEps);
        _postAttentionLayernorm = new RmsNorm(c.HiddenSize, c.RmsNormEps);
        RegisterComponents();
    }

    /// <param name="h">[B, T, D]</param>
    public override Tensor forward(Tensor h, AttentionInput a)
    {
        using var scope = NewDisposeScope();
        h = h + _selfAttn.call(_inputLayernorm.call(h), a);
        h = h + _mlp.call(_postAttentionLayernorm.call(h));
        return h.MoveToOuterDisposeScope();
    }
}
