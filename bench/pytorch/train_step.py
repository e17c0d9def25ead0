#!/usr/bin/env python3
"""PyTorch eager reference for Rait's training step rate (bench only, never run in CI).

A plain Llama-family decoder (RMSNorm, rotate_half RoPE, GQA attention through
F.scaled_dot_product_attention (explicit softmax attention on torch < 2.0), SwiGLU MLP, tied embeddings) trained on random token ids with the
same shapes, optimizer (AdamW, weight decay 0, global grad-norm clip 1.0) and LoRA placement as the
Rait train bench, so the two step rates compare like for like. Prints one JSON line per config.

    python3 bench/pytorch/train_step.py --config world --mode full --steps 20
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# Same shapes as bench/Rait.Bench/TrainBench.cs (world model = WorldModelShape.For(Default, 800, 128, 2)).
CONFIGS = {
    "world": dict(hidden=160, layers=4, heads=4, kv_heads=2, intermediate=432, vocab=800,
                  batch=16, seq=128, eps=1e-5),
    "m100": dict(hidden=768, layers=12, heads=12, kv_heads=4, intermediate=2048, vocab=32000,
                 batch=4, seq=256, eps=1e-6),
}


class LoraLinear(nn.Module):
    """Frozen base weight plus a trainable low-rank update B·A scaled by alpha/r (B starts at zero)."""

    def __init__(self, inp, out, rank, alpha):
        super().__init__()
        self.base = nn.Linear(inp, out, bias=False)
        self.a = nn.Parameter(torch.randn(rank, inp) / math.sqrt(inp))
        self.b = nn.Parameter(torch.zeros(out, rank))
        self.scale = alpha / rank

    def forward(self, x):
        return self.base(x) + F.linear(F.linear(x, self.a), self.b) * self.scale


class RmsNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def attention(q, k, v):
    """Causal attention: the fused kernel where this torch has it (2.0+), else softmax(QK^T/sqrt(d))V."""
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v, is_causal=True)
    t = q.shape[-2]
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    mask = torch.ones(t, t, dtype=torch.bool, device=q.device).triu(1)
    return scores.masked_fill(mask, float("-inf")).softmax(-1) @ v


class Block(nn.Module):
    def __init__(self, c, linear):
        super().__init__()
        h, d = c["hidden"], c["hidden"] // c["heads"]
        self.heads, self.kv_heads, self.head_dim = c["heads"], c["kv_heads"], d
        self.q = linear(h, c["heads"] * d)
        self.k = linear(h, c["kv_heads"] * d)
        self.v = linear(h, c["kv_heads"] * d)
        self.o = linear(c["heads"] * d, h)
        self.gate = linear(h, c["intermediate"])
        self.up = linear(h, c["intermediate"])
        self.down = linear(c["intermediate"], h)
        self.norm1 = RmsNorm(h, c["eps"])
        self.norm2 = RmsNorm(h, c["eps"])

    def forward(self, x, cos, sin):
        b, t, _ = x.shape
        y = self.norm1(x)
        q = self.q(y).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(y).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v(y).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        rep = self.heads // self.kv_heads
        k = k.repeat_interleave(rep, dim=1)
        v = v.repeat_interleave(rep, dim=1)
        a = attention(q, k, v)
        x = x + self.o(a.transpose(1, 2).reshape(b, t, -1))
        y = self.norm2(x)
        return x + self.down(F.silu(self.gate(y)) * self.up(y))


class Llama(nn.Module):
    def __init__(self, c, linear, theta=10000.0):
        super().__init__()
        self.embed = nn.Embedding(c["vocab"], c["hidden"])
        self.blocks = nn.ModuleList(Block(c, linear) for _ in range(c["layers"]))
        self.norm = RmsNorm(c["hidden"], c["eps"])
        d = c["hidden"] // c["heads"]
        inv = 1.0 / theta ** (torch.arange(0, d, 2).float() / d)
        freqs = torch.outer(torch.arange(c["seq"]).float(), inv)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos", emb.cos(), persistent=False)
        self.register_buffer("sin", emb.sin(), persistent=False)

    def forward(self, ids):
        x = self.embed(ids)
        for blk in self.blocks:
            x = blk(x, self.cos, self.sin)
        return F.linear(self.norm(x), self.embed.weight)  # tied embeddings


def run(name, mode, steps, warmup, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    c = CONFIGS[name]
    if mode == "lora":
        model = Llama(c, lambda i, o: LoraLinear(i, o, rank=8, alpha=16))
        for n, p in model.named_parameters():
            p.requires_grad = n.endswith(".a") or n.endswith(".b")
    else:
        model = Llama(c, lambda i, o: nn.Linear(i, o, bias=False))
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=1e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    model.train()
    gen = torch.Generator().manual_seed(1)
    times = []
    for step in range(warmup + steps):
        ids = torch.randint(0, c["vocab"], (c["batch"], c["seq"]), generator=gen)
        t0 = time.perf_counter()
        logits = model(ids)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, c["vocab"]), ids[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        loss.item()
        if step >= warmup:
            times.append(time.perf_counter() - t0)
    per_step = sum(times) / len(times)
    return {
        "config": name, "mode": mode, "params_m": round(sum(p.numel() for p in model.parameters()) / 1e6, 3),
        "trainable_m": round(sum(p.numel() for p in params) / 1e6, 3), "batch": c["batch"], "seq": c["seq"],
        "threads": torch.get_num_threads(), "warmup": warmup, "steps": steps,
        "steps_per_s": round(1.0 / per_step, 4), "tokens_per_s": round(c["batch"] * c["seq"] / per_step, 1),
        "torch": torch.__version__,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", choices=sorted(CONFIGS) + ["all"], default="all")
    ap.add_argument("--mode", choices=["full", "lora", "all"], default="all")
    ap.add_argument("--steps", type=int, default=0, help="measured steps (0 = 20 for world, 3 for m100)")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    names = sorted(CONFIGS, reverse=True) if a.config == "all" else [a.config]
    modes = ["full", "lora"] if a.mode == "all" else [a.mode]
    for name in names:
        for mode in modes:
            steps = a.steps or (20 if name == "world" else 3)
            print(json.dumps(run(name, mode, steps, a.warmup, a.threads)), flush=True)


if __name__ == "__main__":
    main()
