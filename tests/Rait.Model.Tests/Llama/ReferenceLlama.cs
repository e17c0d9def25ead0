using Rait.Model.Llama;

namespace Rait.Model.Tests.Llama;

/// <summary>
/// A slow, independent Llama-family forward pass in plain C# doubles (no TorchSharp), written from
/// the HF modeling files' semantics: pre-norm blocks, rotate_half RoPE, GQA, q/k norm, biases.
/// The engine must agree with it; any wiring mistake shows up as a large difference.
/// </summary>
internal sealed class ReferenceLlama(LlamaConfig c, IReadOnlyDictionary<string, float[]> w)
{
    /// <summary>Logits [T][V] for one sequence.</summary>
    public double[][] Forward(IReadOnlyList<int> ids)
    {
        int d = c.HiddenSize, T = ids.Count, H = c.NumHeads, Hkv = c.NumKvHeads, hd = c.HeadDim;
        var h = new double[T][];
        var emb = w["model.embed_tokens.weight"];
        for (int t = 0; t < T; t++) h[t] = Enumerable.Range(0, d).Select(i => (double)emb[ids[t] * d + i]).ToArray();
        for (int l = 0; l < c.NumLayers; l++)
        {
            string p = $"model.layers.{l}.";
            var x = h.Select(r => RmsNorm(r, w[p + "input_layernorm.weight"])).ToArray();
            var q = x.Select(r => Linear(r, p + "self_attn.q_proj", H * hd, d)).ToArray();
            var k = x.Select(r => Linear(r, p + "self_attn.k_proj", Hkv * hd, d)).ToArray();
            var v = x.Select(r => Linear(r, p + "self_attn.v_proj", Hkv * hd, d)).ToArray();
            for (int t = 0; t < T; t++)
            {
                if (c.QkNorm)
                {
                    NormHeads(q[t], H, hd, w[p + "self_attn.q_norm.weight"]);
                    NormHeads(k[t], Hkv, hd, w[p + "self_attn.k_norm.weight"]);
                }
                Rope(q[t], H, hd, t);
                Rope(k[t], Hkv, hd, t);
            }
            var attn = new double[T][];
            for (int t = 0; t < T; t++)
            {
                attn[t] = new double[H * hd];
                for (int head = 0; head < H; head++)
                {
                    int kvh = head / (H / Hkv);
                    var scores = new double[t + 1];
                    for (int s = 0; s <= t; s++)
                    {
                        double dot = 0;
                        for (int i = 0; i < hd; i++) dot += q[t][head * hd + i] * k[s][kvh * hd + i];
                        scores[s] = dot / Math.Sqrt(hd);
                    }
                    double max = scores.Max(), sum = scores.Sum(x2 => Math.Exp(x2 - max));
                    for (int s = 0; s <= t; s++)
                    {
                        double a = Math.Exp(scores[s] - max) / sum;
                        for (int i = 0; i < hd; i++) attn[t][head * hd + i] += a * v[s][kvh * hd + i];
                    }
                }
            }
            for (int t = 0; t < T; t++)
            {
                var o = Linear(attn[t], p + "self_attn.o_proj", d, H * hd);
                for (int i = 0; i < d; i++) h[t][i] += o[i];
                var y = RmsNorm(h[t], w[p + "post_attention_layernorm.weight"]);
                var g = Linear(y, p + "mlp.gate_proj", c.IntermediateSize, d);
                var u = Linear(y, p + "mlp.up_proj", c.IntermediateSize, d);
                var m = g.Select((gv, i) => gv / (1 + Math.Exp(-gv)) * u[i]).ToArray();
                var down = Linear(m, p + "mlp.down_proj", d, c.IntermediateSize);
                for (int i = 0; i < d; i++) h[t][i] += down[i];
            }
        }
        var output = w.ContainsKey("lm_head.weight") ? "lm_head" : "model.embed_tokens";
        return h.Select(r => Linear(RmsNorm(r, w["model.norm.weight"]), output, c.VocabSize, d)).ToArray();
    }

    private double[] Linear(double[] x, string name, int outF, int inF)
    {
        var W = w[name + ".weight"];
        w.TryGetValue(name + ".bias", out var b);
        var y = new double[outF];
        for (int o = 0; o < outF; o++)
        {
            double s = b is null ? 0 : b[o];
            for (int i = 0; i < inF; i++) s += W[o * inF + i] * x[i];
            y[o] = s;
        }
        return y;
    }

    private double[] RmsNorm(double[] x, float[] weight)
    {
        double ms = x.Sum(v => v * v) / x.Length;
        double r = 1.0 / Math.Sqrt(ms + c.RmsNormEps);
        return x.Select((v, i) => v * r * weight[i]).ToArray();
    }

    private void NormHeads(double[] x, int heads, int hd, float[] weight)
    {
        for (int h = 0; h < heads; h++)
        {
            var seg = RmsNorm(x.Skip(h * hd).Take(hd).ToArray(), weight);
            Array.Copy(seg, 0, x, h * hd, hd);
        }
    }

    private void Rope(double[] x, int heads, int hd, int pos)
    {
        for (int h = 0; h < heads; h++)
            for (int j = 0; j < hd / 2; j++)
            {
                double inv = 1.0 / Math.Pow(c.RopeTheta, 2.0 * j / hd);
                double ang = pos * inv, cos = Math.Cos(ang), sin = Math.Sin(ang);
                int a = h * hd + j, b = a + hd / 2;
                double x1 = x[a], x2 = x[b];
                x[a] = x1 * cos - x2 * sin;
                x[b] = x2 * cos + x1 * sin;
            }
    }
}
