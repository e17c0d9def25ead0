using Rait.Core;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Checkpoints;

/// <summary>
/// Imports llama2.c checkpoints (legacy "version 0" and "version 1" exports) into the HF-layout engine.
/// llama2.c rotates adjacent pairs (x_2j, x_2j+1) while HF rotates (x_j, x_j+Dh/2); we permute the
/// rows of wq and wk per head the way HF's conversion script does, so the same rotate_half code runs both.
/// </summary>
/// <remarks>Formats: karpathy/llama2.c run.c and export.py; the stories260K fixture README.</remarks>
public static class Llama2cImporter
{
    private const uint MagicV1 = 0x616b3432;

    /// <summary>Reads a .bin checkpoint into a float32 model. rms eps is 1e-5 as in run.c.</summary>
    public static LlamaForCausalLM Load(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 28) throw new RaitException($"{path}: truncated: {bytes.Length} bytes, expected at least a 28-byte header.");
        bool v1 = BitConverter.ToUInt32(bytes, 0) == MagicV1;
        int off = v1 ? 8 : 0;
        if (v1 && BitConverter.ToInt32(bytes, 4) != 1) throw new RaitException($"{path}: version {BitConverter.ToInt32(bytes, 4)}: only llama2.c export versions 0 (legacy) and 1 are supported.");
        int dim = I(bytes, off), hidden = I(bytes, off + 4), layers = I(bytes, off + 8), heads = I(bytes, off + 12), kvHeads = I(bytes, off + 16), vocab = I(bytes, off + 20), seqLen = I(bytes, off + 24);
        bool shared = v1 ? bytes[off + 28] != 0 : vocab > 0;
        vocab = Math.Abs(vocab);
        var cfg = new LlamaConfig
        {
            HiddenSize = dim, IntermediateSize = hidden, NumLayers = layers, NumHeads = heads, NumKvHeads = kvHeads,
            VocabSize = vocab, MaxPositions = seqLen, RmsNormEps = 1e-5, RopeTheta = 10000.0, TieWordEmbeddings = shared,
            BosTokenId = 1, EosTokenIds = [2],
        };
        var errs = cfg.Validate();
        if (errs.Count > 0 || dim <= 0) throw new RaitException($"{path}: header is not a llama2.c config: {string.Join("; ", errs)}");
        cfg = cfg.Normalized();
        var reader = new FloatReader(bytes, v1 ? 256 : 28, path);
        var model = new LlamaForCausalLM(cfg);
        try
        {
            Fill(model, cfg, reader, v1);
            if (reader.Remaining != 0) throw new RaitException($"{path}: {reader.Remaining} unexpected trailing bytes after the weights.");
            model.eval();
            return model;
        }
        catch { model.Dispose(); throw; }
    }

    private static void Fill(LlamaForCausalLM model, LlamaConfig c, FloatReader r, bool v1)
    {
        int d = c.HiddenSize, L = c.NumLayers, hd = c.HeadDim, kv = c.NumKvHeads * hd, f = c.IntermediateSize, q = c.NumHeads * hd;
        var w = new Dictionary<string, float[]>();
        string Layer(int i, string s) => $"model.layers.{i}.{s}";
        void PerLayer(string name, int size) { for (int i = 0; i < L; i++) w[Layer(i, name)] = r.Take(size); }
        if (v1)
        {
            PerLayer("input_layernorm.weight", d);
            PerLayer("post_attention_layernorm.weight", d);
            w["model.norm.weight"] = r.Take(d);
            w["model.embed_tokens.weight"] = r.Take(c.VocabSize * d);
        }
        else
        {
            w["model.embed_tokens.weight"] = r.Take(c.VocabSize * d);
            PerLayer("input_layernorm.weight", d);
        }
        PerLayer("self_attn.q_proj.weight", q * d);
        PerLayer("self_attn.k_proj.weight", kv * d);
        PerLayer("self_attn.v_proj.weight", kv * d);
        PerLayer("self_attn.o_proj.weight", d * q);
        if (!v1) PerLayer("post_attention_layernorm.weight", d);
        PerLayer("mlp.gate_proj.weight", f * d);
        PerLayer("mlp.down_proj.weight", d * f);
        PerLayer("mlp.up_proj.weight", f * d);
        if (!v1)
        {
            w["model.norm.weight"] = r.Take(d);
            r.Take(c.MaxPositions * hd / 2); // freq_cis_real: run.c recomputes RoPE
            r.Take(c.MaxPositions * hd / 2); // freq_cis_imag
        }
        if (!c.TieWordEmbeddings) w["lm_head.weight"] = r.Take(c.VocabSize * d);

        var state = model.state_dict();
        using var noGrad = no_grad();
        foreach (var (key, target) in state)
        {
            if (!w.TryGetValue(key, out var data)) throw new InvalidOperationException($"llama2.c import: no data for {key}");
            using var scope = NewDisposeScope();
            var t = tensor(data, target.shape);
            if (key.EndsWith("q_proj.weight")) t = InterleavedToHalfSplit(t, c.NumHeads, hd);
            else if (key.EndsWith("k_proj.weight")) t = InterleavedToHalfSplit(t, c.NumKvHeads, hd);
            target.copy_(t);
        }
    }

    /// <summary>HF convert_llama_weights_to_hf `permute`: rows [heads, Dh/2, 2, in] → [heads, 2, Dh/2, in].</summary>
    /// <param name="w">[heads·Dh, in]</param>
    public static Tensor InterleavedToHalfSplit(Tensor w, long heads, long headDim)
    {
        long inF = w.shape[1];
        return w.view(heads, headDim / 2, 2, inF).transpose(1, 2).reshape(heads * headDim, inF);
    }

    private static int I(byte[] b, int o) => BitConverter.ToInt32(b, o);

    private sealed class FloatReader(byte[] bytes, int start, string path)
    {
        private int _pos = start;
        public long Remaining => bytes.Length - _pos;

        public float[] Take(long count)
        {
            long need = count * 4;
            if (_pos + need > bytes.Length) throw new RaitException($"{path}: truncated: weights end at byte {bytes.Length}, needed {_pos + need}.");
            var a = new float[count];
            Buffer.BlockCopy(bytes, _pos, a, 0, (int)need);
            _pos += (int)need;
            return a;
        }
    }
}
