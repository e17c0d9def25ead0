using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rait.Model.Llama;
using Rait.Model.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>
/// One decode step of a single row of a small float32 model on the CPU, in plain vectorised C# over the model's own
/// weight and cache memory. A libtorch step costs about 40 tensor calls per layer at 1–3 µs each, which on a model of
/// a few hundred thousand parameters is nearly all of the step; this path has no per-call cost, so a lone stream of a
/// tiny model (the synthetic world's, TinyStories, stories260K) decodes several times faster. Larger models, batches of
/// rows, other dtypes and devices, and LoRA layers keep the libtorch path, whose GEMMs win there.
/// </summary>
/// <remarks>Same math as <see cref="LlamaForCausalLM"/> (HF semantics: RMSNorm, rotate_half RoPE from the model's own
/// tables, GQA, sliding windows, q/k norms, biases, tied head); sums run in another order, so logits agree to float32
/// rounding, not bit for bit. Weights are read through spans taken afresh every step, so in-place updates (LoRA merges,
/// training) are always seen. The loops are compiled fully optimised at once: tier-0 code of Vector&lt;T&gt; is an order of
/// magnitude slower, and a short generation would run mostly in it.</remarks>
internal sealed class CpuRowDecoder
{
    /// <summary>Above this size a step is dominated by reading the weights, which MKL's threaded GEMV does better.</summary>
    public const long MaxParameters = 8_000_000;

    private readonly LlamaConfig _c;
    private readonly RotaryEmbedding _rope;
    private readonly Tensor _embed, _finalNorm, _head;
    private readonly Layer[] _layers;
    private readonly float[] _h, _x, _q, _k, _v, _att, _scores, _gate, _up, _logits;

    private sealed record Layer(Tensor InNorm, Tensor Q, Tensor K, Tensor V, Tensor O, Tensor? Qb, Tensor? Kb, Tensor? Vb, Tensor? Ob,
        Tensor? QNorm, Tensor? KNorm, Tensor PostNorm, Tensor Gate, Tensor Up, Tensor Down, Tensor? Gb, Tensor? Ub, Tensor? Db, bool Sliding);

    private CpuRowDecoder(LlamaForCausalLM model, IReadOnlyDictionary<string, Tensor> p)
    {
        _c = model.Config;
        _rope = model.Rope;
        Tensor? Opt(string name) => p.GetValueOrDefault(name);
        _embed = p["model.embed_tokens.weight"];
        _finalNorm = p["model.norm.weight"];
        _head = Opt("lm_head.weight") ?? _embed;
        _layers = Enumerable.Range(0, _c.NumLayers).Select(i =>
        {
            string a = $"model.layers.{i}.self_attn.", m = $"model.layers.{i}.mlp.";
            return new Layer(p[$"model.layers.{i}.input_layernorm.weight"], p[a + "q_proj.weight"], p[a + "k_proj.weight"], p[a + "v_proj.weight"],
                p[a + "o_proj.weight"], Opt(a + "q_proj.bias"), Opt(a + "k_proj.bias"), Opt(a + "v_proj.bias"), Opt(a + "o_proj.bias"),
                Opt(a + "q_norm.weight"), Opt(a + "k_norm.weight"), p[$"model.layers.{i}.post_attention_layernorm.weight"],
                p[m + "gate_proj.weight"], p[m + "up_proj.weight"], p[m + "down_proj.weight"], Opt(m + "gate_proj.bias"), Opt(m + "up_proj.bias"),
                Opt(m + "down_proj.bias"), _c.IsSliding(i));
        }).ToArray();
        int qd = _c.NumHeads * _c.HeadDim, kd = _c.NumKvHeads * _c.HeadDim;
        (_h, _x, _q, _k, _v, _att) = (new float[_c.HiddenSize], new float[_c.HiddenSize], new float[qd], new float[kd], new float[kd], new float[qd]);
        (_scores, _gate, _up, _logits) = (new float[_c.ContextLength], new float[_c.IntermediateSize], new float[_c.IntermediateSize], new float[_c.VocabSize]);
    }

    /// <summary>The decoder for <paramref name="model"/>, or null when it should keep the libtorch path: not on the CPU,
    /// not float32, over <see cref="MaxParameters"/>, or with modules other than plain linears (LoRA).</summary>
    public static CpuRowDecoder? TryCreate(LlamaForCausalLM model)
    {
        using var scope = NewDisposeScope();
        if (model.Device.type != DeviceType.CPU || model.Dtype != ScalarType.Float32 || model.Config.ParameterCount() > MaxParameters) return null;
        if (model.modules().Any(m => m is Lora.LoraLinear)) return null;
        var p = model.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        if (p.Values.Any(t => !t.is_contiguous())) return null;
        return new CpuRowDecoder(model, p);
    }

    /// <summary>Feeds <paramref name="token"/> to the row in <paramref name="slot"/>: writes its key and value at the row's
    /// next position and returns the next-token logits [1, V] float32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Tensor Step(int token, SlotKvCache cache, int slot)
    {
        int d = _c.HiddenSize, dh = _c.HeadDim, heads = _c.NumHeads, kvHeads = _c.NumKvHeads, group = heads / kvHeads;
        float eps = (float)_c.RmsNormEps, scale = 1f / MathF.Sqrt(dh);
        int pos = checked((int)cache.LengthOf(slot));
        cache.ReserveNext(slot);
        long capacity = cache.PositionCapacity;
        F(_embed).Slice(token * d, d).CopyTo(_h);
        var cos = F(_rope.CosTable).Slice(pos * dh, dh);
        var sin = F(_rope.SinTable).Slice(pos * dh, dh);
        for (int l = 0; l < _layers.Length; l++)
        {
            var L = _layers[l];
            RmsNorm(_h, F(L.InNorm), eps, _x);
            MatVec(F(L.Q), _x, B(L.Qb), _q);
            MatVec(F(L.K), _x, B(L.Kb), _k);
            MatVec(F(L.V), _x, B(L.Vb), _v);
            for (int h = 0; h < heads; h++)
            {
                var qh = _q.AsSpan(h * dh, dh);
                if (L.QNorm is not null) RmsNorm(qh, F(L.QNorm), eps, qh);
                Rotate(qh, cos, sin);
            }
            var (keyStore, valueStore) = cache.Storage(l);
            var keys = F(keyStore);
            var values = F(valueStore);
            for (int h = 0; h < kvHeads; h++)
            {
                var kh = _k.AsSpan(h * dh, dh);
                if (L.KNorm is not null) RmsNorm(kh, F(L.KNorm), eps, kh);
                Rotate(kh, cos, sin);
                long at = ((slot * (long)kvHeads + h) * capacity + pos) * dh;
                kh.CopyTo(keys.Slice((int)at, dh));
                _v.AsSpan(h * dh, dh).CopyTo(values.Slice((int)at, dh));
            }
            int first = L.Sliding ? Math.Max(0, pos - _c.SlidingWindow!.Value + 1) : 0;
            for (int h = 0; h < heads; h++)
            {
                int baseAt = (int)((slot * (long)kvHeads + h / group) * capacity * dh);
                Attend(_q.AsSpan(h * dh, dh), keys.Slice(baseAt), values.Slice(baseAt), first, pos, scale, _att.AsSpan(h * dh, dh));
            }
            MatVecAdd(F(L.O), _att, B(L.Ob), _h);
            RmsNorm(_h, F(L.PostNorm), eps, _x);
            MatVec(F(L.Gate), _x, B(L.Gb), _gate);
            MatVec(F(L.Up), _x, B(L.Ub), _up);
            for (int j = 0; j < _gate.Length; j++)
            {
                float g = _gate[j];
                _gate[j] = g / (1f + MathF.Exp(-g)) * _up[j];
            }
            MatVecAdd(F(L.Down), _gate, B(L.Db), _h);
        }
        RmsNorm(_h, F(_finalNorm), eps, _x);
        MatVec(F(_head), _x, default, _logits);
        cache.AdvanceSlot(slot);
        return tensor(_logits, new long[] { 1, _logits.Length });
    }

    private static Span<float> F(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    private static ReadOnlySpan<float> B(Tensor? bias) => bias is null ? default : F(bias);

    /// <summary>y = x / sqrt(mean(x²) + eps) · w; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RmsNorm(ReadOnlySpan<float> x, ReadOnlySpan<float> w, float eps, Span<float> y)
    {
        float r = 1f / MathF.Sqrt(Dot(x, x) / x.Length + eps);
        for (int i = 0; i < x.Length; i++) y[i] = x[i] * r * w[i];
    }

    /// <summary>x·cos + roll(x, Dh/2)·sin' with the table's signed sine: HF's rotate_half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rotate(Span<float> x, ReadOnlySpan<float> cos, ReadOnlySpan<float> sin)
    {
        int half = x.Length / 2;
        for (int j = 0; j < half; j++)
        {
            float a = x[j], b = x[j + half];
            x[j] = a * cos[j] + b * sin[j];
            x[j + half] = b * cos[j + half] + a * sin[j + half];
        }
    }

    /// <summary>Softmax attention of one query head over its key/value head's positions first..last.</summary>
    /// <param name="keys">The head's storage from position 0, Dh floats per position.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Attend(ReadOnlySpan<float> q, ReadOnlySpan<float> keys, ReadOnlySpan<float> values, int first, int last, float scale, Span<float> output)
    {
        int dh = q.Length;
        float max = float.NegativeInfinity;
        for (int j = first; j <= last; j++)
        {
            float s = Dot(q, keys.Slice(j * dh, dh)) * scale;
            _scores[j] = s;
            if (s > max) max = s;
        }
        float total = 0;
        for (int j = first; j <= last; j++) total += _scores[j] = MathF.Exp(_scores[j] - max);
        output.Clear();
        for (int j = first; j <= last; j++)
        {
            float p = _scores[j] / total;
            var v = values.Slice(j * dh, dh);
            for (int i = 0; i < dh; i++) output[i] += p * v[i];
        }
    }

    /// <summary>y = W·x + b for W stored [out, in] row-major, as HF and nn.Linear store it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatVec(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        int n = x.Length;
        for (int r = 0; r < y.Length; r++) y[r] = Dot(w.Slice(r * n, n), x) + (bias.IsEmpty ? 0f : bias[r]);
    }

    /// <summary>y += W·x + b (the residual add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatVecAdd(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        int n = x.Length;
        for (int r = 0; r < y.Length; r++) y[r] += Dot(w.Slice(r * n, n), x) + (bias.IsEmpty ? 0f : bias[r]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length, i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero;
            int k = 0;
            // Two accumulators keep two FMAs in flight.
            for (; k + 1 < va.Length; k += 2)
            {
                s0 += va[k] * vb[k];
                s1 += va[k + 1] * vb[k + 1];
            }
            if (k < va.Length) s0 += va[k] * vb[k];
            sum = Vector.Sum(s0 + s1);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }
}
