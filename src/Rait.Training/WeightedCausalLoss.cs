using static TorchSharp.torch;

namespace Rait.Training;

/// <summary>
/// The one place where the causal shift happens: logits at position t predict the label at t+1.
/// Each sample's loss is the mean cross-entropy over its supervised tokens; the batch loss is
/// Σ_i w_i·CE_i / D, where D is supplied by the caller for the whole effective batch (so gradient
/// accumulation gives exactly the gradient of one large batch). A sample is a row, or with packing a
/// segment of a row: the formula is the same, only the grouping of tokens into samples differs.
/// </summary>
public static class WeightedCausalLoss
{
    /// <param name="logits">[B, T, V] float32</param>
    /// <param name="labels">[B, T] int64 unshifted, -100 = ignore</param>
    /// <param name="weights">[B] float32</param>
    /// <param name="denominator">Σ w (WeightSum) or N (Count) over the effective batch.</param>
    /// <returns>(scalar loss, per-sample mean CE [B] detached)</returns>
    public static (Tensor Loss, Tensor PerSample) Compute(Tensor logits, Tensor labels, Tensor weights, double denominator)
    {
        using var scope = NewDisposeScope();
        var (tokenLoss, counted) = ShiftedTokenLoss(logits, labels);                // [B, T-1] each
        var perSample = (tokenLoss * counted).sum(1) / counted.sum(1).clamp_min(1); // [B]
        var loss = (perSample * weights).sum() / denominator;
        return (loss.MoveToOuterDisposeScope(), perSample.detach().MoveToOuterDisposeScope());
    }

    /// <summary>The same loss when rows hold several samples (packing): tokens are grouped into samples by index.</summary>
    /// <param name="logits">[B, T, V] float32</param>
    /// <param name="labels">[B, T] int64 unshifted, -100 = ignore (every segment's first token is ignored)</param>
    /// <param name="sampleIndex">[B, T] int64: sample of each token, in [0, S), or -1 on padding</param>
    /// <param name="weights">[S] float32</param>
    /// <param name="denominator">Σ w (WeightSum) or N (Count, original samples) over the effective batch.</param>
    /// <returns>(scalar loss, per-sample mean CE [S] detached)</returns>
    public static (Tensor Loss, Tensor PerSample) Compute(Tensor logits, Tensor labels, Tensor sampleIndex, Tensor weights, double denominator)
    {
        using var scope = NewDisposeScope();
        long t = labels.shape[1], s = weights.shape[0];
        var (tokenLoss, counted) = ShiftedTokenLoss(logits, labels);                // [B, T-1] each
        // A token's loss belongs to the sample of its target; padding targets are not counted, so
        // their index (-1) can be folded onto sample 0 without adding anything to it.
        var target = sampleIndex.narrow(1, 1, t - 1).clamp_min(0).reshape(-1);     // [B·(T-1)]
        var sums = zeros(s, dtype: ScalarType.Float32, device: logits.device).index_add(0, target, (tokenLoss * counted).reshape(-1), 1);
        var counts = zeros(s, dtype: ScalarType.Float32, device: logits.device).index_add(0, target, counted.reshape(-1), 1);
        var perSample = sums / counts.clamp_min(1);                                 // [S]
        var loss = (perSample * weights).sum() / denominator;
        return (loss.MoveToOuterDisposeScope(), perSample.detach().MoveToOuterDisposeScope());
    }

    /// <returns>Cross-entropy of the prediction at t for the label at t+1, and 1 where that label is supervised; both [B, T-1].</returns>
    private static (Tensor TokenLoss, Tensor Counted) ShiftedTokenLoss(Tensor logits, Tensor labels)
    {
        long b = logits.shape[0], t = logits.shape[1], v = logits.shape[2];
        var predict = logits.narrow(1, 0, t - 1).reshape(-1, v);                  // [B·(T-1), V]
        var target = labels.narrow(1, 1, t - 1);                                   // [B, T-1]
        var tokenLoss = nn.functional.cross_entropy(predict, target.reshape(-1), ignore_index: -100, reduction: nn.Reduction.None).view(b, t - 1);
        var counted = (target != -100).to(ScalarType.Float32);                     // [B, T-1]
        return (tokenLoss, counted);
    }
}
