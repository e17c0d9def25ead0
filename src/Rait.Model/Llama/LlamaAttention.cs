using Rait.Model.Modules;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Rait.Model.Llama;

/// <summary>
/// Grouped-query self-attention with RoPE, optional q/k/v bias (Qwen2) and q/k RMSNorm (Qwen3).
/// Query head h reads key/value head h / (H / Hkv), as HF's repeat_kv does.
/// </summary>
public sealed class LlamaAttention : nn.Module<Tensor, AttentionInput, Tensor>
{
    [ComponentName(Name = "q_proj")] private readonly nn.Module<Tensor, Tensor> _qProj;
    [ComponentName(Name = "k_proj")] private readonly nn.Module<Tensor, Tensor> _kProj;
    [ComponentName(Name = "v_proj")] private readonly nn.Module<Tensor, Tensor> _vProj;
    [ComponentName(Name = "o_proj")] private readonly nn.Module<Tensor, Tensor> _oProj;
    [ComponentName(Name = "q_norm")] private readonly RmsNorm? _qNorm;
    [ComponentName(Name = "k_norm")] private readonly RmsNorm? _kNorm;
    private readonly long _heads, _kvHeads, _headDim;

    public LlamaAttention(LlamaConfig c, LinearFactory linear) : base(nameof(LlamaAttention))
    {
        _heads = c.NumHeads;
        _kvHeads = c.NumKvHeads;
        _headDim = c.HeadDim;
        _qProj = linear("q_proj", c.HiddenSize, _heads * _headDim, c.QkvBias);
        _kProj = linear("k_proj", c.HiddenSize, _kvHeads * _headDim, c.QkvBias);
        _vProj = linear("v_proj", c.HiddenSize, _kvHeads * _headDim, c.QkvBias);
        _oProj = linear("o_proj", _heads * _headDim, c.HiddenSize, c.OutputBias);
        if (c.QkNorm)
        {
            _qNorm = new RmsNorm(_headDim, c.RmsNormEps);
            _kNorm = new RmsNorm(_headDim, c.RmsNormEps);
        }
        RegisterComponents();
    }

    /// <param name="x">[B, T, D]</param>
    /// <returns>[B, T, D]</returns>
    public override Tensor forward(Tensor x, AttentionInput a)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        var q = _qProj.call(x).view(b, t, _heads, _headDim);      // [B, T, H, Dh]
        var k = _kProj.call(x).view(b, t, _kvHeads, _headDim);    // [B, T, Hkv, Dh]
        var v = _vProj.call(x).view(b, t, _kvHeads, _headDim);
        if (_qNorm is not null) q = _qNorm.call(q);              // Qwen3: per-head norm before RoPE
        if (_kNorm is not null) k = _kNorm.call(k);
        q = RotaryEmbedding.Apply(q.transpose(1, 2), a.Cos, a.Sin); // [B, H, T, Dh]
        k = RotaryEmbedding.Apply(k.transpose(1, 2), a.Cos, a.Sin); // [B, Hkv, T, Dh]
        v = v.transpose(1, 2);
        if (a.Cache is not null) (k, v) = a.Cache.Update(a.Layer, k, v); // [B, Hkv, L, Dh]
        if (_kvHeads != _heads)
        {
            k = k.repeat_interleave(_heads / _kvHeads, dim: 1);   // [B, H, L, Dh]
            v = v.repeat_interleave(_heads / _kvHeads, dim: 1);
        }
        var o = a.Mask is null
            ? nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, true)
            : nn.functional.scaled_dot_product_attention(q, k, v, a.Mask, 0.0, false); // [B, H, T, Dh]
        o = o.transpose(1, 2).reshape(b, t, _heads * _headDim);
        return _oProj.call(o).MoveToOuterDisposeScope();
    }
}
