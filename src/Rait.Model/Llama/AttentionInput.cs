using Rait.Model.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Llama;

/// <summary>What one decoder layer needs besides its hidden states.</summary>
/// <param name="Cos">[B, 1, T, Dh] RoPE cosines for the query positions.</param>
/// <param name="Sin">[B, 1, T, Dh]</param>
/// <param name="Mask">[B, 1, T, L] boolean, true = may attend; null = plain causal when nothing is cached
/// (no padding on the left), or every key for one query per row after a cache whose rows all have the same length.</param>
/// <param name="Cache">Key/value cache to read and extend, or null.</param>
/// <param name="Layer">Index of the layer, for the cache.</param>
/// <param name="WindowMask">[B, 1, T, L] boolean: <paramref name="Mask"/> (or causal) limited to the sliding window, for the
/// sliding layers; null when the sequence is no longer than the window, so that every layer attends alike.</param>
public sealed record AttentionInput(Tensor Cos, Tensor Sin, Tensor? Mask, IKvCache? Cache, int Layer, Tensor? WindowMask = null);
