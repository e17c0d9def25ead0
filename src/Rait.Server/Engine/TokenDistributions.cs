using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Server.Engine;

/// <summary>Log-prob of a token and the most likely alternatives at its position.</summary>
/// <param name="TopIds">Up to k most likely ids, best first.</param>
public sealed record PositionLogprobs(int TokenId, float Logprob, IReadOnlyList<int> TopIds, IReadOnlyList<float> TopLogprobs);

/// <summary>Re-scores a sequence to get, per position, the chosen token's log-prob and the top-k alternatives of the
/// full next-token distribution (the generator only records the chosen token's log-prob).</summary>
public static class TokenDistributions
{
    /// <summary>Positions <paramref name="from"/>..T-1 of <paramref name="ids"/>: log p(ids[j] | ids[..j]) and the top k.</summary>
    /// <param name="ids">The whole sequence, T tokens, at most the model's context.</param>
    /// <param name="from">First scored position, at least 1 (the first token has no prediction).</param>
    /// <param name="k">Alternatives per position (0 = none).</param>
    /// <remarks>Must run on the engine thread (dispose scopes are thread-static).</remarks>
    public static IReadOnlyList<PositionLogprobs> Compute(LlamaForCausalLM model, IReadOnlyList<int> ids, int from, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        int t = ids.Count;
        if (from >= t) return [];
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = tensor(ids.Select(i => (long)i).ToArray(), device: model.Device).view(1, t);                       // [1, T]
        var logits = model.call(new ForwardInput(x)).squeeze(0);                              // [T, V]
        int n = t - from;
        // Position j-1 predicts token j.
        var lp = logits.narrow(0, from - 1, n).log_softmax(-1);                               // [n, V]
        var next = x.squeeze(0).narrow(0, from, n).unsqueeze(1);                              // [n, 1]
        var chosen = lp.gather(1, next).squeeze(1).cpu().data<float>().ToArray();
        float[] topVals = [];
        long[] topIdx = [];
        int kk = (int)Math.Min(k, lp.shape[1]);
        if (kk > 0)
        {
            var (values, indices) = lp.topk(kk, dim: 1);                                      // [n, k]
            topVals = values.cpu().data<float>().ToArray();
            topIdx = indices.cpu().data<long>().ToArray();
        }
        var result = new PositionLogprobs[n];
        for (int i = 0; i < n; i++)
            result[i] = new PositionLogprobs(ids[from + i], chosen[i],
                kk == 0 ? [] : topIdx.Skip(i * kk).Take(kk).Select(v => (int)v).ToArray(),
                kk == 0 ? [] : topVals.Skip(i * kk).Take(kk).ToArray());
        return result;
    }
}
