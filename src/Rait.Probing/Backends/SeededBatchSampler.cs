using Rait.Core;
using Rait.Model.Generation;
using Rait.Model.Llama;
using Rait.Model.Modules;
using Rait.Model.Tokenization;
using static TorchSharp.torch;

namespace Rait.Probing.Backends;

/// <summary>
/// Batched decoding with a KV cache where every row draws from its own seeded generator, so a
/// question's samples do not depend on which other questions share the batch (resume and batch size
/// leave results unchanged). Sampling is Gumbel-max: argmax(logits / T + g), g = −log(−log u), u from
/// the row's generator, which is exact sampling from softmax(logits / T).
/// </summary>
/// <remarks>The engine's own BatchGenerator shares one generator across the batch, which is fine for a
/// single prompt but makes samples depend on the batch composition.</remarks>
public sealed class SeededBatchSampler(LlamaForCausalLM model, ITokenizer tokenizer, int padId)
{
    /// <summary>Decodes every row; rows are returned in the order given.</summary>
    /// <exception cref="RaitException">Empty rows or prompts, or a prompt that fills the context.</exception>
    public IReadOnlyList<SampledText> Run(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<SampleRow> rows, OpenSampling s,
        IReadOnlyList<int> stopIds, IReadOnlyList<string> stopStrings, CancellationToken ct)
    {
        if (rows.Count == 0 || prompts.Count == 0) throw new RaitException("sampler: nothing to decode.");
        for (int i = 0; i < prompts.Count; i++)
            if (prompts[i].Count == 0 || prompts[i].Count >= model.Config.MaxPositions)
                throw new RaitException($"prompt {i}: {prompts[i].Count} tokens, expected 1..{model.Config.MaxPositions - 1} (max_position_embeddings).");
        long capacity = Math.Min(prompts.Max(p => p.Count) + s.MaxNewTokens, model.Config.MaxPositions);
        var state = new RowState(rows.Count, tokenizer, stopIds, stopStrings);
        var gens = rows.Select(r => r.Greedy || s.Temperature == 0 ? null : new TorchSharp.torch.Generator(r.Seed)).ToArray();
        using var noGrad = no_grad();
        var (cache, logits, keyValid) = Prefill(prompts, rows, capacity);
        try
        {
            var active = Enumerable.Range(0, rows.Count).ToList();   // batch row -> row index
            for (int step = 0; ; step++)
            {
                ct.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var next = Choose(logits, active, gens, s);                                        // [b]
                var lp = logits.log_softmax(-1).gather(1, next.unsqueeze(1)).squeeze(1);          // [b]
                var ids = next.data<long>().ToArray();
                var lps = lp.to_type(ScalarType.Float32).data<float>().ToArray();
                for (int r = 0; r < active.Count; r++) state.Append(active[r], (int)ids[r], lps[r]);
                if (step + 1 >= s.MaxNewTokens || cache.Length + 1 > capacity) break;
                var keep = Enumerable.Range(0, active.Count).Where(r => !state.Finished(active[r])).ToList();
                if (keep.Count == 0) break;
                if (keep.Count < active.Count)
                {
                    using var keepIdx = tensor(keep.Select(k => (long)k).ToArray());
                    var pruned = cache.Select(keepIdx);
                    cache.Dispose();
                    cache = pruned;
                    var kv = keyValid.index_select(0, keepIdx).DetachFromDisposeScope();
                    keyValid.Dispose();
                    keyValid = kv;
                    next = next.index_select(0, keepIdx);
                    active = keep.Select(k => active[k]).ToList();
                }
                long len = cache.Length;
                keyValid.narrow(1, len, 1).fill_(true);
                var mask = keyValid.narrow(1, 0, len + 1).unsqueeze(1).unsqueeze(1);                 // [b, 1, 1, L]
                var positions = tensor(active.Select(r => (long)(prompts[rows[r].Prompt].Count + step)).ToArray()).unsqueeze(1); // [b, 1]
                var newLogits = model.call(new ForwardInput(next.unsqueeze(1), positions, mask, cache, LastOnly: true)).squeeze(1);
                logits.Dispose();
                logits = newLogits.DetachFromDisposeScope();
            }
        }
        finally
        {
            cache.Dispose();
            logits.Dispose();
            keyValid.Dispose();
            foreach (var g in gens) g?.Dispose();
        }
        return state.Results();
    }

    /// <summary>Argmax for greedy rows, Gumbel-max over logits / T (after top-p) for sampled rows.</summary>
    private static Tensor Choose(Tensor logits, IReadOnlyList<int> active, TorchSharp.torch.Generator?[] gens, OpenSampling s)
    {
        var l = logits.to_type(ScalarType.Float32);                                                  // [b, V]
        if (active.All(r => gens[r] is null)) return l.argmax(-1);
        long v = l.shape[1];
        var scaled = l / s.Temperature;
        if (s.TopP < 1.0)
        {
            var (sorted, order) = scaled.sort(-1, descending: true);
            var probs = sorted.softmax(-1);
            var dropSorted = (probs.cumsum(-1) - probs) >= s.TopP;   // the top token always stays, so greedy rows are unaffected
            scaled = scaled.masked_fill(zeros_like(dropSorted).scatter(-1, order, dropSorted), float.NegativeInfinity);
        }
        var noise = stack(active.Select(r => gens[r] is { } g
            ? -(-rand(new long[] { v }, generator: g).clamp_min(1e-12).log()).log()
            : zeros(v)).ToArray());                                                                  // [b, V]
        return (scaled + noise).argmax(-1);
    }

    /// <summary>Prefills each distinct prompt once (left-padded) and repeats its cache for the rows that continue it.</summary>
    private (KvCache Cache, Tensor Logits, Tensor KeyValid) Prefill(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<SampleRow> rows, long capacity)
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
                ids[i * t + j] = real ? prompts[i][j - pad] : padId;
                valid[i * t + j] = real;
                pos[i * t + j] = real ? j - pad : 0;
            }
        }
        var validT = tensor(valid).view(b, t);
        var cache = model.NewCache(b, capacity);
        var logits = model.call(new ForwardInput(tensor(ids).view(b, t), tensor(pos).view(b, t), AttentionMasks.Prefill(validT), cache, LastOnly: true)).squeeze(1); // [P, V]
        var keyValid = zeros([b, capacity], ScalarType.Bool);
        keyValid.narrow(1, 0, t).copy_(validT);
        var rowIdx = tensor(rows.Select(r => (long)r.Prompt).ToArray());
        var repeated = cache.Select(rowIdx);
        cache.Dispose();
        return (repeated, logits.index_select(0, rowIdx).DetachFromDisposeScope(), keyValid.index_select(0, rowIdx).DetachFromDisposeScope());
    }

    /// <summary>Per-row tokens, log-probs and stop decisions.</summary>
    private sealed class RowState(int count, ITokenizer tokenizer, IReadOnlyList<int> stopIds, IReadOnlyList<string> stopStrings)
    {
        private readonly List<int>[] _tokens = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        private readonly List<float>[] _lps = Enumerable.Range(0, count).Select(_ => new List<float>()).ToArray();
        private readonly bool[] _stoppedByToken = new bool[count];
        private readonly bool[] _finished = new bool[count];

        public bool Finished(int row) => _finished[row];

        public void Append(int row, int token, float lp)
        {
            if (_finished[row]) return;
            if (stopIds.Contains(token)) { _finished[row] = _stoppedByToken[row] = true; return; }
            _tokens[row].Add(token);
            _lps[row].Add(lp);
            if (stopStrings.Count > 0)
            {
                var text = tokenizer.Decode(_tokens[row]);
                if (stopStrings.Any(x => text.Contains(x, StringComparison.Ordinal))) _finished[row] = true;
            }
        }

        /// <summary>Text cut at the first stop string; tokens that only spell the stop string are dropped
        /// with their log-probs, so answer confidence covers the answer alone.</summary>
        public IReadOnlyList<SampledText> Results() => Enumerable.Range(0, count).Select(r =>
        {
            var full = tokenizer.Decode(_tokens[r]);
            var text = full;
            foreach (var stop in stopStrings)
            {
                int at = text.IndexOf(stop, StringComparison.Ordinal);
                if (at >= 0) text = text[..at];
            }
            int keep = _tokens[r].Count;
            if (text.Length < full.Length)
                while (keep > 0 && tokenizer.Decode(_tokens[r].Take(keep - 1)).StartsWith(text, StringComparison.Ordinal)) keep--;
            return new SampledText(_tokens[r].Take(keep).ToList(), _lps[r].Take(keep).ToList(), text);
        }).ToList();
    }
}
