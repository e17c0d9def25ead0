using Rait.Core;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>Log-probability of one continuation after one prompt.</summary>
/// <param name="TokenLogProbs">log p(token_i | prompt, tokens_&lt;i) per continuation token.</param>
public sealed record ContinuationScore(double Sum, IReadOnlyList<float> TokenLogProbs)
{
    public double Mean => TokenLogProbs.Count == 0 ? 0 : Sum / TokenLogProbs.Count;
}

/// <summary>
/// Scores text the model did not generate: continuations after prompts (answer confidence, "sure"/"unsure")
/// and next-token distributions over a few candidates (multiple-choice letters). Batched, no cache.
/// </summary>
public sealed class Scorer(LlamaForCausalLM model, int padId = 0, int batchSize = 16)
{
    /// <summary>Scores every (prompt, continuation) pair.</summary>
    /// <exception cref="RaitException">Empty prompt or continuation, or a pair longer than the context.</exception>
    public IReadOnlyList<ContinuationScore> Score(IReadOnlyList<(IReadOnlyList<int> Prompt, IReadOnlyList<int> Continuation)> items)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Prompt.Count == 0 || items[i].Continuation.Count == 0)
                throw new RaitException($"score item {i}: prompt and continuation must each have at least one token.");
            if (items[i].Prompt.Count + items[i].Continuation.Count > model.Config.ContextLength)
                throw new RaitException($"score item {i}: {items[i].Prompt.Count + items[i].Continuation.Count} tokens exceed the context length {model.Config.ContextLength} (max_position_embeddings, with rope_scaling).");
        }
        var results = new ContinuationScore[items.Count];
        using var noGrad = no_grad();
        foreach (var batch in Batches(items.Count))
        {
            using var scope = NewDisposeScope();
            int t = batch.Max(i => items[i].Prompt.Count + items[i].Continuation.Count);
            // Right padding: causal attention never lets real tokens see the padding after them.
            var ids = new long[batch.Count * t];
            for (int r = 0; r < batch.Count; r++)
            {
                var seq = items[batch[r]].Prompt.Concat(items[batch[r]].Continuation).ToArray();
                for (int j = 0; j < t; j++) ids[r * t + j] = j < seq.Length ? seq[j] : padId;
            }
            var idsT = tensor(ids, device: model.Device).view(batch.Count, t);
            var logits = model.call(new ForwardInput(idsT));                                    // [B, T, V]
            var lse = logits.logsumexp(-1);                                                     // [B, T]
            // Position j predicts token j+1: the loss-shift lives here and in the trainer's loss only.
            var next = idsT.narrow(1, 1, t - 1).unsqueeze(-1);                                  // [B, T-1, 1]
            var picked = logits.narrow(1, 0, t - 1).gather(-1, next).squeeze(-1);               // [B, T-1]
            var lp = (picked - lse.narrow(1, 0, t - 1)).cpu().data<float>().ToArray();
            for (int r = 0; r < batch.Count; r++)
            {
                var (p, c) = items[batch[r]];
                var tok = new float[c.Count];
                for (int j = 0; j < c.Count; j++) tok[j] = lp[r * (t - 1) + p.Count - 1 + j];
                results[batch[r]] = new ContinuationScore(tok.Sum(x => (double)x), tok);
            }
        }
        return results;
    }

    /// <summary>log p(candidate | prompt) for each prompt and each candidate token id.</summary>
    /// <returns>[prompts][candidates] log-probabilities under the full-vocabulary softmax.</returns>
    public float[][] NextTokenLogProbs(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int> candidates)
    {
        if (candidates.Count == 0) throw new RaitException("next-token scoring needs at least one candidate token.");
        var results = new float[prompts.Count][];
        using var noGrad = no_grad();
        foreach (var batch in Batches(prompts.Count))
        {
            using var scope = NewDisposeScope();
            var device = model.Device;
            var cand = tensor(candidates.Select(c => (long)c).ToArray(), device: device);
            int t = batch.Max(i => prompts[i].Count);
            if (batch.Any(i => prompts[i].Count == 0)) throw new RaitException("next-token scoring: empty prompt.");
            if (t > model.Config.ContextLength) throw new RaitException($"next-token scoring: a prompt of {t} tokens exceeds the context length {model.Config.ContextLength} (max_position_embeddings, with rope_scaling).");
            var ids = new long[batch.Count * t];
            var valid = new bool[batch.Count * t];
            var pos = new long[batch.Count * t];
            for (int r = 0; r < batch.Count; r++)
            {
                var p = prompts[batch[r]];
                int pad = t - p.Count;
                for (int j = 0; j < t; j++)
                {
                    ids[r * t + j] = j >= pad ? p[j - pad] : padId;
                    valid[r * t + j] = j >= pad;
                    pos[r * t + j] = j >= pad ? j - pad : 0;
                }
            }
            var mask = AttentionMasks.Prefill(tensor(valid, device: device).view(batch.Count, t));
            var logits = model.call(new ForwardInput(tensor(ids, device: device).view(batch.Count, t), tensor(pos, device: device).view(batch.Count, t), mask, LastOnly: true)).squeeze(1);
            var lp = logits.log_softmax(-1).index_select(1, cand).cpu().data<float>().ToArray();   // [B, C]
            for (int r = 0; r < batch.Count; r++)
                results[batch[r]] = lp.Skip(r * candidates.Count).Take(candidates.Count).ToArray();
        }
        return results;
    }

    private IEnumerable<List<int>> Batches(int count)
    {
        for (int start = 0; start < count; start += batchSize)
            yield return Enumerable.Range(start, Math.Min(batchSize, count - start)).ToList();
    }
}
