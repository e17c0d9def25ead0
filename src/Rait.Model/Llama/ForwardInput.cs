using Rait.Model.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Llama;

/// <summary>Input of one forward pass of <see cref="LlamaForCausalLM"/>.</summary>
/// <param name="InputIds">[B, T] int64 token ids.</param>
/// <param name="PositionIds">[B, T] int64 positions (left padding makes them differ per row); null = 0..T-1 after the cache.</param>
/// <param name="Mask">[B, 1, T, L] boolean attention mask (true = may attend), or null for plain causal attention
/// (with a cache: one query per row that sees every cached key).</param>
/// <param name="Cache">KV cache to read and extend (its length advances by T), or null.</param>
/// <param name="LastOnly">Compute logits only for the last position (generation), saving the V-sized projection.</param>
public sealed record ForwardInput(Tensor InputIds, Tensor? PositionIds = null, Tensor? Mask = null, IKvCache? Cache = null, bool LastOnly = false);
