using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>Picks the next token per row from logits: argmax, or temperature + top-k + top-p sampling.</summary>
public static class Sampler
{
    /// <param name="logits">[B, V] float32</param>
    /// <param name="rng">Seeded generator; the same seed gives the same tokens.</param>
    /// <returns>[B] int64 token ids</returns>
    public static Tensor Next(Tensor logits, SamplingOptions o, TorchSharp.torch.Generator rng)
    {
        using var scope = NewDisposeScope();
        if (o.Greedy) return logits.argmax(-1).MoveToOuterDisposeScope();
        var scaled = logits / o.Temperature;
        if (o.TopK > 0 && o.TopK < logits.shape[1])
        {
            var kth = scaled.topk(o.TopK, dim: -1).values.narrow(-1, o.TopK - 1, 1); // [B, 1]
            scaled = scaled.masked_fill(scaled < kth, float.NegativeInfinity);
        }
        if (o.TopP < 1.0)
        {
            var (sorted, order) = scaled.sort(-1, descending: true);
            var probs = sorted.softmax(-1);
            // Drop a token when the mass before it already reaches p; the top token always stays.
            var before = probs.cumsum(-1) - probs;
            var dropSorted = before >= o.TopP;
            var drop = zeros_like(dropSorted).scatter(-1, order, dropSorted);
            scaled = scaled.masked_fill(drop, float.NegativeInfinity);
        }
        var p = scaled.softmax(-1);
        return p.multinomial(1, false, rng).squeeze(-1).MoveToOuterDisposeScope();
    }
}
