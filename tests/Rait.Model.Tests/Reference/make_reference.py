#!/usr/bin/env python3
"""Writes the reference cases for the sliding-window and rope_scaling parity tests.

Each case is a tiny random Hugging Face model folder (config.json, fp32 model.safetensors) plus
expected.json holding the tokens fed and the logits of a forward pass computed here, independently
of Rait, in double precision with transformers' semantics (RMSNorm, rotate_half RoPE, grouped-query
attention, SiLU MLP; sliding layers see keys less than sliding_window positions back). rope.json
holds inverse frequencies and attention factors for more rope_scaling variants.

Plain Python 3 standard library, no numpy or torch, so it runs anywhere:
    python3 tests/Rait.Model.Tests/Reference/make_reference.py
It is deterministic: rerunning it rewrites the same files.
"""
import json
import math
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


# ---------------------------------------------------------------- RoPE frequencies (modeling_rope_utils)

def base_inv_freq(head_dim, theta):
    return [1.0 / theta ** (2.0 * j / head_dim) for j in range(head_dim // 2)]


def scaled_inv_freq(cfg):
    """Inverse frequencies and attention factor for cfg's rope_scaling."""
    hd = cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]
    theta = cfg.get("rope_theta", 10000.0)
    inv = base_inv_freq(hd, theta)
    rs = cfg.get("rope_scaling")
    if not rs:
        return inv, 1.0
    kind = rs.get("rope_type", rs.get("type"))
    factor = rs.get("factor")
    if kind == "linear":
        return [f / factor for f in inv], 1.0
    if kind == "llama3":
        lo, hi, orig = rs["low_freq_factor"], rs["high_freq_factor"], rs["original_max_position_embeddings"]
        out = []
        for f in inv:
            wl = 2 * math.pi / f
            if wl < orig / hi:
                out.append(f)
            elif wl > orig / lo:
                out.append(f / factor)
            else:
                t = (orig / wl - lo) / (hi - lo)
                out.append((1 - t) * f / factor + t * f)
        return out, 1.0
    if kind == "yarn":
        orig = rs.get("original_max_position_embeddings") or cfg["max_position_embeddings"]
        beta_fast = rs.get("beta_fast") or 32
        beta_slow = rs.get("beta_slow") or 1

        def mscale_of(s, m=1.0):
            return 1.0 if s <= 1 else 0.1 * m * math.log(s) + 1.0

        att = rs.get("attention_factor")
        if att is None:
            m, mad = rs.get("mscale"), rs.get("mscale_all_dim")
            att = mscale_of(factor, m) / mscale_of(factor, mad) if m and mad else mscale_of(factor)

        def corr_dim(rot):
            return hd * math.log(orig / (rot * 2 * math.pi)) / (2 * math.log(theta))

        low, high = corr_dim(beta_fast), corr_dim(beta_slow)
        if rs.get("truncate", True):
            low, high = math.floor(low), math.ceil(high)
        low, high = max(low, 0), min(high, hd - 1)
        if low == high:
            high += 0.001
        out = []
        for j, f in enumerate(inv):
            ramp = min(max((j - low) / (high - low), 0.0), 1.0)
            extra = 1 - ramp
            out.append(f / factor * (1 - extra) + f * extra)
        return out, att
    raise ValueError(kind)


# ---------------------------------------------------------------- weights and safetensors

class Weights:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.tensors = {}  # name -> (shape, flat list of fp32-representable floats)

    def linear(self, name, out_f, in_f, bias=False):
        a = math.sqrt(3.0 / in_f)
        self.tensors[name + ".weight"] = ([out_f, in_f], [f32(self.rng.uniform(-a, a)) for _ in range(out_f * in_f)])
        if bias:
            self.tensors[name + ".bias"] = ([out_f], [f32(self.rng.uniform(-0.1, 0.1)) for _ in range(out_f)])

    def norm(self, name, n):
        self.tensors[name + ".weight"] = ([n], [f32(1 + self.rng.uniform(-0.2, 0.2)) for _ in range(n)])

    def matrix(self, name):
        shape, flat = self.tensors[name]
        cols = shape[1]
        return [flat[r * cols:(r + 1) * cols] for r in range(shape[0])]

    def vector(self, name):
        return self.tensors[name][1] if name in self.tensors else None


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name in sorted(tensors):
        shape, flat = tensors[name]
        data = struct.pack("<%df" % len(flat), *flat)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


# ---------------------------------------------------------------- forward pass in double precision

def matvec(m, x, b=None):
    y = [sum(w * xi for w, xi in zip(row, x)) for row in m]
    return [yi + bi for yi, bi in zip(y, b)] if b else y


def rms_norm(x, w, eps):
    s = 1.0 / math.sqrt(sum(v * v for v in x) / len(x) + eps)
    return [v * s * wi for v, wi in zip(x, w)]


def rope(vec, pos, inv, att):
    half = len(vec) // 2
    out = [0.0] * len(vec)
    for j in range(half):
        ang = pos * inv[j]
        c, s = math.cos(ang) * att, math.sin(ang) * att
        x1, x2 = vec[j], vec[j + half]
        out[j] = x1 * c - x2 * s
        out[j + half] = x2 * c + x1 * s
    return out


def sliding_layers(cfg):
    n = cfg["num_hidden_layers"]
    if cfg["model_type"] == "mistral":
        return set(range(n)) if cfg.get("sliding_window") else set()
    if not cfg.get("use_sliding_window") or not cfg.get("sliding_window"):
        return set()
    if "layer_types" in cfg:
        return {i for i, t in enumerate(cfg["layer_types"]) if t == "sliding_attention"}
    return {i for i in range(n) if i >= cfg.get("max_window_layers", 28)}


def forward(cfg, w, ids):
    d, nh = cfg["hidden_size"], cfg["num_attention_heads"]
    nkv = cfg.get("num_key_value_heads", nh)
    hd = cfg.get("head_dim") or d // nh
    eps = cfg["rms_norm_eps"]
    inv, att = scaled_inv_freq(cfg)
    inv = [f32(f) for f in inv]  # HF keeps inv_freq in float32
    window = cfg.get("sliding_window")
    sliding = sliding_layers(cfg)
    emb = w.matrix("model.embed_tokens.weight")
    h = [list(emb[i]) for i in ids]
    T = len(ids)
    for layer in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % layer
        qs, ks, vs = [], [], []
        for t in range(T):
            x = rms_norm(h[t], w.vector(p + "input_layernorm.weight"), eps)
            q = matvec(w.matrix(p + "self_attn.q_proj.weight"), x, w.vector(p + "self_attn.q_proj.bias"))
            k = matvec(w.matrix(p + "self_attn.k_proj.weight"), x, w.vector(p + "self_attn.k_proj.bias"))
            v = matvec(w.matrix(p + "self_attn.v_proj.weight"), x, w.vector(p + "self_attn.v_proj.bias"))
            qs.append([rope(q[i * hd:(i + 1) * hd], t, inv, att) for i in range(nh)])
            ks.append([rope(k[i * hd:(i + 1) * hd], t, inv, att) for i in range(nkv)])
            vs.append([v[i * hd:(i + 1) * hd] for i in range(nkv)])
        wo = w.matrix(p + "self_attn.o_proj.weight")
        for t in range(T):
            lo = t - window + 1 if layer in sliding else 0
            keys = range(max(lo, 0), t + 1)
            o = []
            for head in range(nh):
                kv = head // (nh // nkv)
                scores = [sum(a * b for a, b in zip(qs[t][head], ks[j][kv])) / math.sqrt(hd) for j in keys]
                m = max(scores)
                e = [math.exp(s - m) for s in scores]
                z = sum(e)
                o.extend(sum(e[n] / z * vs[j][kv][c] for n, j in enumerate(keys)) for c in range(hd))
            h[t] = [a + b for a, b in zip(h[t], matvec(wo, o))]
        for t in range(T):
            x = rms_norm(h[t], w.vector(p + "post_attention_layernorm.weight"), eps)
            g = matvec(w.matrix(p + "mlp.gate_proj.weight"), x)
            u = matvec(w.matrix(p + "mlp.up_proj.weight"), x)
            a = [gi / (1 + math.exp(-gi)) * ui for gi, ui in zip(g, u)]
            h[t] = [a_ + b for a_, b in zip(h[t], matvec(w.matrix(p + "mlp.down_proj.weight"), a))]
    head = emb if cfg.get("tie_word_embeddings") else w.matrix("lm_head.weight")
    return [matvec(head, rms_norm(x, w.vector("model.norm.weight"), eps)) for x in h]


# ---------------------------------------------------------------- cases

def make_weights(cfg, seed):
    d, nh = cfg["hidden_size"], cfg["num_attention_heads"]
    nkv = cfg.get("num_key_value_heads", nh)
    hd = cfg.get("head_dim") or d // nh
    ff, v = cfg["intermediate_size"], cfg["vocab_size"]
    bias = cfg["model_type"] == "qwen2"
    w = Weights(seed)
    rng = w.rng
    w.tensors["model.embed_tokens.weight"] = ([v, d], [f32(rng.uniform(-1, 1)) for _ in range(v * d)])
    for layer in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % layer
        w.norm(p + "input_layernorm", d)
        w.linear(p + "self_attn.q_proj", nh * hd, d, bias)
        w.linear(p + "self_attn.k_proj", nkv * hd, d, bias)
        w.linear(p + "self_attn.v_proj", nkv * hd, d, bias)
        w.linear(p + "self_attn.o_proj", d, nh * hd)
        w.norm(p + "post_attention_layernorm", d)
        w.linear(p + "mlp.gate_proj", ff, d)
        w.linear(p + "mlp.up_proj", ff, d)
        w.linear(p + "mlp.down_proj", d, ff)
    w.norm("model.norm", d)
    if not cfg.get("tie_word_embeddings"):
        w.linear("lm_head", v, d)
    return w


def base_config(model_type, **extra):
    arch = {"llama": "LlamaForCausalLM", "mistral": "MistralForCausalLM", "qwen2": "Qwen2ForCausalLM"}[model_type]
    cfg = {
        "architectures": [arch], "model_type": model_type, "hidden_size": 32, "intermediate_size": 48,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 40,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "hidden_act": "silu",
        "tie_word_embeddings": False, "torch_dtype": "float32",
    }
    cfg.update(extra)
    return cfg


CASES = {
    # Mistral v0.1 style: every layer slides; the sequence is three windows long.
    "mistral-sliding": (base_config("mistral", sliding_window=8), 24),
    # Qwen2: layers from max_window_layers on slide (here layer 1 only); q/k/v biases; tied embeddings.
    "qwen2-sliding": (base_config("qwen2", use_sliding_window=True, sliding_window=6, max_window_layers=1,
                                  tie_word_embeddings=True, rope_theta=1e6), 20),
    # Qwen2.5 long-context style YaRN: factor 4 over a 32-position original context, run to 80 positions.
    "qwen2-yarn": (base_config("qwen2", head_dim=16, max_position_embeddings=32, tie_word_embeddings=True,
                               rope_scaling={"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32}), 80),
    "llama-linear": (base_config("llama", rope_scaling={"rope_type": "linear", "factor": 2.0}), 16),
    "llama-llama3": (base_config("llama", rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                                                        "high_freq_factor": 4.0, "original_max_position_embeddings": 16}), 16),
}

# Frequency-only variants: YaRN's optional fields.
ROPE_VARIANTS = {
    "yarn-default": {"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32},
    "yarn-no-original": {"rope_type": "yarn", "factor": 8.0},
    "yarn-mscale": {"rope_type": "yarn", "factor": 40.0, "original_max_position_embeddings": 4096, "mscale": 0.707,
                    "mscale_all_dim": 0.707, "beta_fast": 32, "beta_slow": 1},
    "yarn-mscale-differ": {"rope_type": "yarn", "factor": 16.0, "original_max_position_embeddings": 4096, "mscale": 1.0,
                           "mscale_all_dim": 0.5},
    "yarn-attention-factor": {"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 2048,
                              "attention_factor": 1.25},
    "yarn-no-truncate": {"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 2048, "truncate": False,
                         "beta_fast": 16, "beta_slow": 2},
    "linear": {"rope_type": "linear", "factor": 3.0},
    "llama3": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
               "original_max_position_embeddings": 8192},
}


def main():
    for seed, (name, (cfg, length)) in enumerate(sorted(CASES.items()), start=1):
        out = os.path.join(HERE, name)
        os.makedirs(out, exist_ok=True)
        w = make_weights(cfg, seed)
        rng = random.Random(1000 + seed)
        ids = [rng.randrange(cfg["vocab_size"]) for _ in range(length)]
        logits = forward(cfg, w, ids)
        with open(os.path.join(out, "config.json"), "w") as f:
            json.dump(cfg, f, indent=2)
        write_safetensors(os.path.join(out, "model.safetensors"), w.tensors)
        with open(os.path.join(out, "expected.json"), "w") as f:
            json.dump({"input_ids": ids, "logits": [[float("%.9g" % x) for x in row] for row in logits]}, f)
    variants = {}
    for name, rs in sorted(ROPE_VARIANTS.items()):
        cfg = base_config("qwen2", head_dim=64, max_position_embeddings=4096 * 8, rope_theta=1e6, rope_scaling=rs)
        inv, att = scaled_inv_freq(cfg)
        variants[name] = {"config": cfg, "inv_freq": inv, "attention_factor": att}
    with open(os.path.join(HERE, "rope.json"), "w") as f:
        json.dump(variants, f, indent=1)


if __name__ == "__main__":
    main()
