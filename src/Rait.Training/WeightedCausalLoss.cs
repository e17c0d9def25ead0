using static TorchSharp.torch;

namespace Rait.Training;

/// <summary>
/// The one place where the causal shift happens: logits at position t predict the label at t+1.
/// Each sample's loss is the mean cross-entropy over its supervised tokens; the batch loss is
/// Σ_i w_i·CE_i / D, where D is supplied by the caller for the whole effective batch (so gradient
/// accumulation gives exactly the gradient of one large batch).
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
        long b = logits.shape[0], t = logits.shape[1], v = logits.shape[2];
        var predict = logits.narrow(1, 0, t - 1).reshape(-1, v);                  // [B·(T-1), V]
        var target = labels.narrow(1, 1, t - 1).reshape(-1);                       // [B·(T-1)]
        var tokenLoss = nn.functional.cross_entropy(predict, target, ignore_index: -100, reduction: nn.Reduction.None).view(b, t - 1);
        var counted = (labels.narrow(1, 1, t - 1) != -100).to(ScalarType.Float32); // [B, T-1]
        var perSample = (tokenLoss * counted).sum(1) / counted.sum(1).clamp_min(1); // [B]
        var loss = (perSample * weights).sum() / denominator;
        return (loss.MoveToOuterDisposeScope(), perSample.detach().MoveToOuterDisposeScope());
    }
}
