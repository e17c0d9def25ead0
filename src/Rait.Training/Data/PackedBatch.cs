using static TorchSharp.torch;

namespace Rait.Training.Data;

/// <summary>Tensors of a micro-batch of packed rows (built by <see cref="PackedBatchTensors"/>); owned by the caller's scope.</summary>
/// <param name="Ids">[B, T] int64 token ids, right-padded.</param>
/// <param name="Labels">[B, T] int64 unshifted labels, -100 on prompts, segment starts and padding.</param>
/// <param name="PositionIds">[B, T] int64 positions restarting at 0 in every segment (0 on padding).</param>
/// <param name="Mask">[B, 1, T, T] bool: true where a query may attend to a key (earlier-or-same token of its own segment).</param>
/// <param name="SampleIndex">[B, T] int64: the sample (index into <paramref name="SampleWeights"/>) each token belongs to, -1 on padding.</param>
/// <param name="SampleWeights">[S] float32: weight of every original sample in the micro-batch.</param>
public sealed record PackedBatch(Tensor Ids, Tensor Labels, Tensor PositionIds, Tensor Mask, Tensor SampleIndex, Tensor SampleWeights);
