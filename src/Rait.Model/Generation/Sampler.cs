using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>
/// Picks the next token per row from logits: argmax, or exact sampling from softmax(logits / T) after
/// top-k, top-p and min-p masking (after an optional repetition penalty). Sampling is inverse-CDF with one caller-supplied uniform per row, so each
/// row's draw depends only on its own random stream, never on the other rows of the batch.
/// </summary>
public static class Sampler
{
    /// <param name="logits">[B, V] float32</param>
    /// <param name="uniforms">One draw in [0, 1) per row; ignored when greedy (may then be empty).</param>
    /// <param name="seen">[B, V] bool, true for tokens already in a row's prompt or output; needed when
    /// <see cref="SamplingOptions.RepetitionPenalty"/> is not 1.</param>
    /// <returns>[B] int64 token ids</returns>
    public static Tensor Next(Tensor logits, SamplingOptions o, IReadOnlyList<double> uniforms, Tensor? seen = null)
    {
        using var scope = NewDisposeScope();
        if (o.RepetitionPenalty != 1.0)
        {
            if (seen is null) throw new ArgumentException("repetition_penalty needs the tokens seen so far", nameof(seen));
            var penalised = where(logits > 0, logits / o.RepetitionPenalty, logits * o.RepetitionPenalty);
            logits = where(seen, penalised, logits);
        }
        if (o.Greedy) return logits.argmax(-1).MoveToOuterDisposeScope();
        if (uniforms.Count != logits.shape[0])
            throw new ArgumentException($"expected {logits.shape[0]} uniforms, got {uniforms.Count}", nameof(uniforms));
        // Double precision keeps u·total strictly below the row total (u ≤ 1 − 2⁻⁵³), so the count below
        // never runs past the last token with non-zero probability.
        var probs = Masked(logits, o).to_type(ScalarType.Float64).softmax(-1);     // [B, V], masked tokens exactly 0
        var cdf = probs.cumsum(-1);
        var target = tensor(uniforms.ToArray(), device: cdf.device).unsqueeze(1) * cdf.narrow(1, cdf.shape[1] - 1, 1); // [B, 1]
        // The chosen id is the first whose cumulative mass exceeds the target; a zero-probability token
        // repeats its predecessor's cumulative value, so it can never be that first one.
        return (cdf <= target).sum(-1, type: ScalarType.Int64).MoveToOuterDisposeScope();
    }

    /// <summary>logits / T with everything outside top-k, the top-p nucleus and the min-p floor set to −∞.</summary>
    private static Tensor Masked(Tensor logits, SamplingOptions o)
    {
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
            var dropSorted = (probs.cumsum(-1) - probs) >= o.TopP;
            scaled = scaled.masked_fill(zeros_like(dropSorted).scatter(-1, order, dropSorted), float.NegativeInfinity);
        }
        if (o.MinP > 0)
        {
            // p_i < min_p · p_max  ⇔  logit_i < logit_max + ln(min_p): no softmax needed; the top token always stays.
            var floor = scaled.max(-1, keepdim: true).values + Math.Log(o.MinP);
            scaled = scaled.masked_fill(scaled < floor, float.NegativeInfinity);
        }
        return scaled;
    }
}
