using Rait.Core;
using Rait.Model.Llama;
using Rait.Model.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>
/// Batched generation with a KV cache: prompts are left-padded and prefilled together, each prompt's
/// cache is repeated for n samples (no re-encoding), and finished rows are dropped from the batch as
/// they stop so short answers do not pay for long ones.
/// </summary>
public sealed class BatchGenerator
{
    private readonly LlamaForCausalLM _model;
    private readonly long _padId;

    /// <param name="padId">Id written into left padding (never attended to).</param>
    public BatchGenerator(LlamaForCausalLM model, int padId = 0)
    {
        _model = model;
        _padId = padId;
    }

    /// <summary>Generates NumSamples continuations for every prompt.</summary>
    /// <param name="decode">Turns generated ids into text; needed only when stop strings are given.</param>
    /// <param name="onToken">Called after every decode step for each sequence that produced a token, in sequence order;
    /// it sees exactly the ids of the returned <see cref="GeneratedSequence.TokenIds"/>.</param>
    /// <returns>Sequences ordered by prompt, then sample.</returns>
    /// <exception cref="RaitException">Empty prompt, prompt + max tokens over the context length, invalid options.</exception>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions o,
        Func<IReadOnlyList<int>, string>? decode = null, CancellationToken ct = default, TokenCallback? onToken = null)
    {
        Check(prompts, o, decode);
        int n = o.NumSamples, seqCount = prompts.Count * n;
        int maxPrompt = prompts.Max(p => p.Count);
        long capacity = Math.Min(maxPrompt + o.MaxNewTokens, _model.Config.MaxPositions);
        var state = new DecodeState(prompts, n);
        // One stream per sequence: each active row takes exactly one uniform per step from its own stream,
        // so batch mates, batch size and pruning never shift a sequence's draws.
        var streams = o.Greedy ? null
            : Enumerable.Range(0, seqCount).Select(s => SamplingOptions.SampleStream(o.PromptSeed(s / n), s % n)).ToArray();

        using var noGrad = no_grad();
        var (cache, logits, keyValid) = Prefill(prompts, n, capacity);
        try
        {
            var rows = Enumerable.Range(0, seqCount).ToList(); // batch row -> sequence index
            for (int step = 0; ; step++)
            {
                ct.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var uniforms = streams is null ? [] : rows.Select(s => streams[s].NextDouble()).ToArray();
                var next = Sampler.Next(logits, o, uniforms);                             // [B]
                var lp = logits.log_softmax(-1).gather(1, next.unsqueeze(1)).squeeze(1);  // [B]
                var ids = next.data<long>().ToArray();
                var lps = lp.data<float>().ToArray();
                for (int r = 0; r < rows.Count; r++) state.Append(rows[r], (int)ids[r], lps[r], o, decode);
                bool atLimit = step + 1 >= o.MaxNewTokens || cache.Length + 1 > capacity;
                if (atLimit) state.FinishAll(rows);
                // Rows hold only unfinished sequences in ascending order, so every row appended exactly this id.
                if (onToken is not null)
                    for (int r = 0; r < rows.Count; r++) onToken(rows[r], (int)ids[r], state.FinishOf(rows[r]));
                if (atLimit) break;
                var keep = Enumerable.Range(0, rows.Count).Where(r => !state.Finished(rows[r])).ToList();
                if (keep.Count == 0) break;
                if (keep.Count < rows.Count)
                {
                    // Drop finished rows from the cache; the copy is cheaper than decoding dead rows.
                    using var keepIdx = tensor(keep.Select(k => (long)k).ToArray());
                    var pruned = cache.Select(keepIdx);
                    cache.Dispose();
                    cache = pruned;
                    var kv = keyValid.index_select(0, keepIdx).DetachFromDisposeScope();
                    keyValid.Dispose();
                    keyValid = kv;
                    next = next.index_select(0, keepIdx);
                    rows = keep.Select(k => rows[k]).ToList();
                }
                long len = cache.Length;
                keyValid.narrow(1, len, 1).fill_(true);
                var mask = keyValid.narrow(1, 0, len + 1).unsqueeze(1).unsqueeze(1);     // [B, 1, 1, L]
                var positions = tensor(rows.Select(s => (long)(state.PromptLength(s) + step)).ToArray()).unsqueeze(1); // [B, 1]
                var newLogits = _model.call(new ForwardInput(next.unsqueeze(1), positions, mask, cache, LastOnly: true)).squeeze(1);
                logits.Dispose();
                logits = newLogits.DetachFromDisposeScope();
            }
        }
        finally
        {
            cache.Dispose();
            logits.Dispose();
            keyValid.Dispose();
        }
        return state.Results();
    }

    private void Check(IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions o, Func<IReadOnlyList<int>, string>? decode)
    {
        var errors = o.Validate();
        if (errors.Count > 0) throw new RaitException("sampling options: " + string.Join("; ", errors));
        if (prompts.Count == 0) throw new RaitException("generate: no prompts given.");
        if (o.PromptSeeds is { } seeds && seeds.Count != prompts.Count)
            throw new RaitException($"prompt_seeds: expected one seed per prompt ({prompts.Count}), got {seeds.Count}.");
        for (int i = 0; i < prompts.Count; i++)
        {
            if (prompts[i].Count == 0) throw new RaitException($"prompt {i}: empty prompt (it must contain at least one token).");
            if (prompts[i].Count >= _model.Config.MaxPositions)
                throw new RaitException($"prompt {i}: {prompts[i].Count} tokens, but max_position_embeddings is {_model.Config.MaxPositions}.");
            foreach (var id in prompts[i])
                if (id < 0 || id >= _model.Config.VocabSize) throw new RaitException($"prompt {i}: token id {id} outside the vocabulary (0..{_model.Config.VocabSize - 1}).");
        }
        if (o.StopStrings.Count > 0 && decode is null) throw new ArgumentException("stop strings need a decode function", nameof(decode));
    }

    /// <summary>Runs all prompts through the model at once (left-padded) and repeats each row n times.</summary>
    private (KvCache Cache, Tensor Logits, Tensor KeyValid) Prefill(IReadOnlyList<IReadOnlyList<int>> prompts, int n, long capacity)
    {
        using var scope = NewDisposeScope();
        int b = prompts.Count, t = prompts.Max(p => p.Count);
        var ids = new long[b * t];
        var valid = new bool[b * t];
        var pos = new long[b * t];
        for (int i = 0; i < b; i++)
        {
            int pad = t - prompts[i].Count;
            for (int j = 0; j < t; j++)
            {
                bool real = j >= pad;
                ids[i * t + j] = real ? prompts[i][j - pad] : _padId;
                valid[i * t + j] = real;
                pos[i * t + j] = real ? j - pad : 0;
            }
        }
        var validT = tensor(valid).view(b, t);
        var mask = AttentionMasks.Prefill(validT);                                   // [B, 1, T, T]
        var cache = _model.NewCache(b, capacity);
        var logits = _model.call(new ForwardInput(tensor(ids).view(b, t), tensor(pos).view(b, t), mask, cache, LastOnly: true)).squeeze(1); // [B, V]
        var keyValid = zeros([b, capacity], ScalarType.Bool);
        keyValid.narrow(1, 0, t).copy_(validT);
        if (n > 1)
        {
            var rows = arange(b, ScalarType.Int64).repeat_interleave(n);
            var repeated = cache.Select(rows);
            cache.Dispose();
            cache = repeated;
            logits = logits.index_select(0, rows);
            keyValid = keyValid.index_select(0, rows);
        }
        return (cache, logits.DetachFromDisposeScope(), keyValid.DetachFromDisposeScope());
    }
}
