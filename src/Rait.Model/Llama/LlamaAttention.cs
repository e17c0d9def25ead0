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
    private readonly bool _sliding;

    /// <param name="sliding">This layer attends through the sliding window (<see cref="AttentionInput.WindowMask"/>).</param>
    public LlamaAttention(LlamaConfig c, LinearFactory linear, bool sliding = false) : base(nameof(LlamaAttention))
    {
        _sliding = sliding;
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
        var q = Heads(_qProj.call(x), b, t, _heads);               // [B, H, T, Dh]
        var k = Heads(_kProj.call(x), b, t, _kvHeads);             // [B, Hkv, T, Dh]
        var v = Heads(_vProj.call(x), b, t, _kvHeads);
        if (_qNorm is not null) q = _qNorm.call(q);              // Qwen3: per-head norm before RoPE
        if (_kNorm is not null) k = _kNorm.call(k);
        q = RotaryEmbedding.Apply(q, a.Cos, a.Sin);
        k = RotaryEmbedding.Apply(k, a.Cos, a.Sin);
        long past = a.Cache?.Length ?? 0;
        if (a.Cache is not null) (k, v) = a.Cache.Update(a.Layer, k, v); // [B, Hkv, L, Dh]
        // No mask: plain causal when nothing is cached yet; one query per row after a cache whose rows are all full-length
        // sees every key. Several queries after a cache need a mask.
        var mask = _sliding && a.WindowMask is not null ? a.WindowMask : a.Mask;
        if (mask is null && past > 0 && t > 1) throw new ArgumentException("queries after a KV cache need an attention mask", nameof(a));
        var o = mask is null && past == 0 ? CausalAttention(q, k, v) : MaskedAttention(q, k, v, mask); // [B, H, T, Dh]
        o = t == 1 ? o.reshape(b, 1, _heads * _headDim) : o.transpose(1, 2).reshape(b, t, _heads * _headDim);
        return _oProj.call(o).MoveToOuterDisposeScope();
    }

    /// <summary>[B, T, n·Dh] → [B, n, T, Dh]; one query per row (decoding) is a plain view.</summary>
    private Tensor Heads(Tensor projected, long b, long t, long n) =>
        t == 1 ? projected.view(b, n, 1, _headDim) : projected.view(b, t, n, _headDim).transpose(1, 2);

    /// <summary>Causal attention over keys aligned with the queries (no cache, no padding: training).</summary>
    private Tensor CausalAttention(Tensor q, Tensor k, Tensor v)
    {
        if (_kvHeads != _heads)
        {
            k = k.repeat_interleave(_heads / _kvHeads, dim: 1);   // [B, H, T, Dh]
            v = v.repeat_interleave(_heads / _kvHeads, dim: 1);
        }
        return nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, true);
    }

    /// <summary>Attention under an explicit mask (padding, cache, packing). With GQA the G query heads of a key/value
    /// head are stacked as G·T query rows of that head instead of copying the keys and values G times: while decoding
    /// that copy would be of the whole cache, every step.</summary>
    /// <param name="q">[B, H, T, Dh]</param>
    /// <param name="k">[B, Hkv, L, Dh]</param>
    /// <param name="mask">[B or 1, 1, T, L] bool; null = every key (one query per row)</param>
    /// <returns>[B, H, T, Dh]</returns>
    private Tensor MaskedAttention(Tensor q, Tensor k, Tensor v, Tensor? mask)
    {
        if (_kvHeads == _heads) return nn.functional.scaled_dot_product_attention(q, k, v, mask, 0.0, false);
        long b = q.shape[0], t = q.shape[2], g = _heads / _kvHeads, l = k.shape[2];
        var grouped = q.reshape(b, _kvHeads, g * t, _headDim);           // row g·T + t is head (kv·G + g) at position t
        var rowMask = t == 1 ? mask                                        // one row per head: broadcasts over the G rows
            : mask!.unsqueeze(2).expand(mask.shape[0], 1, g, t, l).reshape(mask.shape[0], 1, g * t, l);
        var o = nn.functional.scaled_dot_product_attention(grouped, k, v, rowMask, 0.0, false); // [B, Hkv, G·T, Dh]
        return o.view(b, _heads, t, _headDim);
    }
}
