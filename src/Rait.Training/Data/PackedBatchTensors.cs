using static TorchSharp.torch;

namespace Rait.Training.Data;

/// <summary>
/// Tensors for packed rows: every segment sees only itself (block-diagonal causal mask) and starts at
/// position 0, so a packed sample gets the same logits as it would alone in its own row.
/// </summary>
public static class PackedBatchTensors
{
    /// <param name="batch">Packed rows; a row without segments counts as one sample.</param>
    /// <param name="padId">Token id used for right padding.</param>
    /// <param name="device">The model's device; the tensors are made there.</param>
    public static PackedBatch Build(IReadOnlyList<TokenizedExample> batch, int padId, Device device)
    {
        using var scope = NewDisposeScope();
        int b = batch.Count, t = batch.Max(x => x.InputIds.Length);
        var ids = new long[b * t];
        var labels = new long[b * t];
        var positions = new long[b * t];
        var sample = new long[b * t];
        var weights = new List<float>();
        Array.Fill(ids, padId);
        Array.Fill(labels, TokenizedExample.Ignore);
        Array.Fill(sample, -1);
        for (int i = 0; i < b; i++)
        {
            var x = batch[i];
            var segments = x.Segments ?? [new PackSegment(0, x.InputIds.Length, x.Weight, x.Id)];
            foreach (var s in segments)
            {
                for (int j = 0; j < s.Length; j++)
                {
                    int at = i * t + s.Start + j;
                    ids[at] = x.InputIds[s.Start + j];
                    labels[at] = x.Labels[s.Start + j];
                    positions[at] = j;
                    sample[at] = weights.Count;
                }
                weights.Add((float)s.Weight);
            }
        }
        var sampleIndex = tensor(sample, device: device).view(b, t);
        return new PackedBatch(
            tensor(ids, device: device).view(b, t).MoveToOuterDisposeScope(),
            tensor(labels, device: device).view(b, t).MoveToOuterDisposeScope(),
            tensor(positions, device: device).view(b, t).MoveToOuterDisposeScope(),
            Mask(sampleIndex).MoveToOuterDisposeScope(),
            sampleIndex.MoveToOuterDisposeScope(),
            tensor(weights.ToArray(), device: device).MoveToOuterDisposeScope());
    }

    /// <summary>Block-diagonal causal mask from per-token sample indices.</summary>
    /// <param name="sampleIndex">[B, T] int64, -1 on padding.</param>
    /// <returns>[B, 1, T, T] bool. A padding query attends only to itself: an all-false row would make
    /// softmax return NaN, which leaks into gradients through 0·NaN.</returns>
    public static Tensor Mask(Tensor sampleIndex)
    {
        using var scope = NewDisposeScope();
        long t = sampleIndex.shape[1];
        var sameSample = sampleIndex.unsqueeze(2) == sampleIndex.unsqueeze(1);          // [B, T(query), T(key)]
        var real = (sampleIndex >= 0).unsqueeze(2);                                     // [B, T, 1]
        var causal = ones(t, t, ScalarType.Bool, device: sampleIndex.device).tril().unsqueeze(0);                   // [1, T, T]
        var mask = (sameSample & real & causal) | eye(t, dtype: ScalarType.Bool, device: sampleIndex.device).unsqueeze(0);
        return mask.unsqueeze(1).MoveToOuterDisposeScope();                             // [B, 1, T, T]
    }
}
