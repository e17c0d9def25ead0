using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Modules;

/// <summary>
/// Rotary position embedding in HF's half-split ("rotate_half") layout, with cos/sin tables for
/// every position computed once in float32. Not a module: the tables are derived, never saved.
/// </summary>
/// <remarks>HF modeling_rope_utils.py (default, linear, llama3 and yarn types); interop.md §2.4. The sine table has its
/// first half negated, so that rotate_half(x)·sin is roll(x, Dh/2)·sin' and a rotation costs three tensor calls instead
/// of seven: at decode time every call counts.</remarks>
public sealed class RotaryEmbedding : IDisposable
{
    private Tensor _cos; // [P, Dh] float32
    private Tensor _sin; // [P, Dh], first half negated

    /// <summary>Tables for positions 0..<see cref="LlamaConfig.ContextLength"/>−1 of a normalised config.</summary>
    public RotaryEmbedding(LlamaConfig config)
    {
        var inv = InverseFrequencies(config);
        double attention = config.RopeScaling?.AttentionFactor ?? 1.0;
        using var scope = NewDisposeScope();
        var invT = tensor(inv, ScalarType.Float32);                              // [Dh/2]
        var pos = arange(config.ContextLength, ScalarType.Float32);              // [P]
        var angles = outer(pos, invT);                                           // [P, Dh/2]
        var emb = cat([angles, angles], -1);                                     // [P, Dh]
        // YaRN's temperature scales cos and sin alike, so q·k grows by its square (HF attention_scaling).
        _cos = (attention == 1.0 ? emb.cos() : emb.cos() * attention).DetachFromDisposeScope();
        var sign = cat([full(inv.Length, -1f), ones(inv.Length)]);              // [Dh]
        _sin = (attention == 1.0 ? emb.sin() * sign : emb.sin() * (sign * attention)).DetachFromDisposeScope();
    }

    /// <summary>[P, Dh] float32 cosines (YaRN-scaled where configured).</summary>
    internal Tensor CosTable => _cos;

    /// <summary>[P, Dh] float32 sines with the first half negated (see the remarks).</summary>
    internal Tensor SinTable => _sin;

    /// <summary>theta^(-2j/Dh), adjusted by the config's rope_scaling rule; float32 like HF's table.</summary>
    public static float[] InverseFrequencies(LlamaConfig config)
    {
        int headDim = config.HeadDim;
        var inv = new double[headDim / 2];
        for (int j = 0; j < inv.Length; j++)
            inv[j] = 1.0 / Math.Pow(config.RopeTheta, 2.0 * j / headDim);
        if (config.RopeScaling is { } s) inv = s.Adjust(inv, headDim, config.RopeTheta, config.MaxPositions);
        return inv.Select(f => (float)f).ToArray();
    }

    /// <summary>cos and the signed sin for the given positions, cast to <paramref name="dtype"/>; pass both to
    /// <see cref="Apply"/>.</summary>
    /// <param name="positionIds">[B, T] int64</param>
    /// <returns>Two tensors [B, 1, T, Dh], broadcastable over heads.</returns>
    public (Tensor Cos, Tensor Sin) Lookup(Tensor positionIds, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var flat = positionIds.reshape(-1);
        var shape = new long[] { positionIds.shape[0], 1, positionIds.shape[1], _cos.shape[1] };
        var c = _cos.index_select(0, flat).view(shape);
        var s = _sin.index_select(0, flat).view(shape);
        if (dtype != c.dtype) (c, s) = (c.to(dtype), s.to(dtype));
        return (c.MoveToOuterDisposeScope(), s.MoveToOuterDisposeScope());
    }

    /// <summary>x' = x·cos + rotate_half(x)·sin with rotate_half(x) = [−x2, x1], computed as x·cos + roll(x)·sin'.</summary>
    /// <param name="x">[B, heads, T, Dh]</param>
    /// <param name="cos">From <see cref="Lookup"/>.</param>
    /// <param name="sin">The signed sine from <see cref="Lookup"/>.</param>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        // In place on the fresh product: autograd needs x, cos and sin, never that product.
        return (x * cos).addcmul_(x.roll(x.shape[^1] / 2, -1), sin, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Moves the tables to the model's device (called when the model moves).</summary>
    public void MoveTo(Device device)
    {
        if (_cos.device_type == device.type && _cos.device_index == device.index) return;
        Tensor cos = _cos.to(device).DetachFromDisposeScope(), sin = _sin.to(device).DetachFromDisposeScope();
        _cos.Dispose();
        _sin.Dispose();
        (_cos, _sin) = (cos, sin);
    }

    public void Dispose()
    {
        _cos.Dispose();
        _sin.Dispose();
    }
}
