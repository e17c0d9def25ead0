using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>Boolean attention masks (true = may attend) for left-padded batches.</summary>
public static class AttentionMasks
{
    /// <summary>Causal mask that also hides padding keys. Every query keeps its own position, so rows of
    /// padding never become all-false (which would make softmax produce NaN that leaks through 0·NaN).</summary>
    /// <param name="valid">[B, T] bool, false on padding.</param>
    /// <returns>[B, 1, T, T] bool</returns>
    public static Tensor Prefill(Tensor valid)
    {
        using var scope = NewDisposeScope();
        long t = valid.shape[1];
        var causal = ones(t, t, ScalarType.Bool, device: valid.device).tril();                         // [T, T]
        var mask = causal.unsqueeze(0) & valid.unsqueeze(1);                      // [B, T, T]
        mask = mask | eye(t, dtype: ScalarType.Bool, device: valid.device).unsqueeze(0);
        return mask.unsqueeze(1).MoveToOuterDisposeScope();
    }
}
