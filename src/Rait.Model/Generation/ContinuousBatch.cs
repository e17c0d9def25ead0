using System.Runtime.InteropServices;
using Rait.Core;
using Rait.Core.Random;
using Rait.Model.Llama;
using Rait.Model.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>
/// Iteration-level batching: sequences join and leave the running batch between decode steps, each with its own
/// sampling options, stop rules and random stream. A joining prompt is prefilled alone into its cache slot (its n samples
/// copy that slot), so joining never re-encodes the others; a finished or removed row frees its slot at once.
/// </summary>
/// <remarks>One decode step is one forward over every running row, a key mask built once for the step, and one
/// device-to-host copy of the sampled ids, their log-probs and the requested alternatives. Not thread-safe: the owner
/// calls it from one thread (TorchSharp dispose scopes are thread-static).</remarks>
public sealed class ContinuousBatch : IDisposable
{
    private readonly LlamaForCausalLM _model;
    private readonly Func<IReadOnlyList<int>, string>? _decode;
    private readonly SlotKvCache _cache;
    private readonly Device _device;
    private readonly List<BatchRow> _rows = [];   // row i lives in cache slot i
    private Tensor? _logits;                      // [rows, V] next-token logits of every row, slot order
    private readonly CpuRowDecoder? _rowDecoder;  // decodes the rows of a small CPU model without libtorch calls
    private readonly HostSampler[] _hostSamplers = [];   // with the row decoder, pick tokens without libtorch calls (one per thread)

    /// <param name="decode">Turns generated ids into text; needed only for rows with stop strings.</param>
    /// <param name="positionBlock">Positions the cache grows by at a time.</param>
    /// <param name="rowDecoder">Decode the rows of a small float32 CPU model with <see cref="CpuRowDecoder"/> when the batch is
    /// small enough for it to win (same logits to float32 rounding); false keeps every step on libtorch.</param>
    public ContinuousBatch(LlamaForCausalLM model, Func<IReadOnlyList<int>, string>? decode = null, long positionBlock = 32, bool rowDecoder = true)
    {
        _model = model;
        _decode = decode;
        var c = model.Config;
        // Reading the weight's dtype and device wraps it in a new tensor handle: keep that inside a scope.
        using (NewDisposeScope())
        {
            _device = model.Device;
            _cache = new SlotKvCache(c.NumLayers, c.NumKvHeads, c.HeadDim, c.ContextLength, model.Dtype, _device, positionBlock: positionBlock);
        }
        if (rowDecoder) _rowDecoder = CpuRowDecoder.TryCreate(model);
        if (_rowDecoder is not null) _hostSamplers = Enumerable.Range(0, _rowDecoder.Threads).Select(_ => new HostSampler()).ToArray();
    }

    /// <summary>Rows still decoding.</summary>
    public int Count => _rows.Count;
    public IReadOnlyList<BatchRow> Rows => _rows;
    public long CacheBytes => _cache.AllocatedBytes;
    public long PeakCacheBytes => _cache.PeakBytes;

    /// <summary>Longest sequence (prompt + max new tokens, within the context) a row may reach.</summary>
    public long ReservedLength(int promptLength, int maxNewTokens) => Math.Min(promptLength + (long)maxNewTokens, _model.Config.ContextLength);

    /// <summary>The longest sequence any running row may reach (0 when none runs).</summary>
    public long LongestReserved => _rows.Count == 0 ? 0 : _rows.Max(r => ReservedLength(r.Prompt.Count, r.Options.MaxNewTokens));

    /// <summary>Steps until the soonest running row reaches its max_tokens, or null when none runs.</summary>
    public long? FewestTokensLeft => _rows.Count == 0 ? null : _rows.Min(r => (long)r.Options.MaxNewTokens - r.Tokens.Count);

    /// <summary>Cache bytes needed in the worst case if <paramref name="newRows"/> rows of up to <paramref name="newLength"/>
    /// positions joined the running rows (each of which may still reach its own reserved length).</summary>
    public long BytesWith(int newRows, long newLength)
    {
        long longest = _rows.Select(r => ReservedLength(r.Prompt.Count, r.Options.MaxNewTokens)).Append(newLength).Max();
        return _cache.BytesToHold(_rows.Count + newRows, longest);
    }

    /// <summary>Cache bytes <paramref name="rows"/> rows of up to <paramref name="length"/> positions need in an empty batch.</summary>
    public long BytesAlone(int rows, long length) => _cache.BytesToHoldAlone(rows, length);

    /// <summary>Prefills <paramref name="prompt"/> and adds one row per stream (a null stream decodes greedily).</summary>
    /// <returns>The new rows; they produce their first token in the next <see cref="Step"/>.</returns>
    /// <exception cref="RaitException">Empty prompt, ids outside the vocabulary, a prompt that fills the context, invalid options.</exception>
    public IReadOnlyList<BatchRow> Join(IReadOnlyList<int> prompt, SamplingOptions options, IReadOnlyList<SplitMix64?> streams, int topLogprobs = 0,
        string name = "prompt") => Join([new JoinRequest(prompt, options, streams, topLogprobs, name)])[0];

    /// <summary>Prefills several prompts (those of equal length in one forward) and adds one row per stream of each.</summary>
    /// <returns>Per request, its new rows in stream order.</returns>
    /// <exception cref="RaitException">Any request is invalid (nothing joins then).</exception>
    public IReadOnlyList<IReadOnlyList<BatchRow>> Join(IReadOnlyList<JoinRequest> requests)
    {
        foreach (var r in requests) Validate(r);
        var results = new BatchRow[requests.Count][];
        using var noGrad = no_grad();
        // Equal lengths need no padding or mask; a bounded group keeps the prefill's activations small.
        foreach (var group in Enumerable.Range(0, requests.Count).GroupBy(i => requests[i].Prompt.Count).SelectMany(g => g.Chunk(MaxPrefillRows)))
            JoinGroup(requests, group, results);
        return results;
    }

    private const int MaxPrefillRows = 32;

    /// <summary>Checks a request without joining it.</summary>
    /// <exception cref="RaitException">Empty prompt, ids outside the vocabulary, a prompt that fills the context, invalid options.</exception>
    public void Validate(JoinRequest r)
    {
        Check(r.Prompt, r.Options, r.Name);
        if (r.Streams.Count == 0) throw new ArgumentException("at least one row per prompt", nameof(r));
        if (!r.Options.Greedy && r.Streams.Any(s => s is null)) throw new ArgumentException("sampled rows need a random stream", nameof(r));
    }

    /// <summary>Prompts of one length: slots first..first+k-1 are prefilled together, then each prompt's extra samples copy its slot.</summary>
    private void JoinGroup(IReadOnlyList<JoinRequest> requests, int[] group, BatchRow[][] results)
    {
        using var scope = NewDisposeScope();
        int k = group.Length, t = requests[group[0]].Prompt.Count;
        int first = _cache.Count;
        var promptOfSlot = new List<int>();   // index into group of the prompt each new slot holds
        Tensor logits;
        try
        {
            // One growth for every slot the group takes, not one per slot block.
            _cache.Reserve(first + group.Sum(g => requests[g].Streams.Count), t);
            for (int i = 0; i < k; i++)
            {
                _cache.AddSlot(t);
                promptOfSlot.Add(i);
            }
            if (_rowDecoder is not null && _rowDecoder.PrefillsHere(k, t))
                logits = _rowDecoder.Prefill(first, k, t, group.SelectMany(g => requests[g].Prompt).ToArray(), _cache);
            else
            {
                var ids = tensor(group.SelectMany(g => requests[g].Prompt.Select(id => (long)id)).ToArray(), device: _device).view(k, t);
                logits = _model.call(new ForwardInput(ids, Cache: _cache.Prefill(first, k), LastOnly: true)).squeeze(1); // [k, V]
            }
            for (int i = 0; i < k; i++)
                for (int j = 1; j < requests[group[i]].Streams.Count; j++)
                {
                    _cache.CopySlot(first + i, _cache.AddSlot(t));
                    promptOfSlot.Add(i);
                }
        }
        catch
        {
            // Slots without rows would shift every later row's slot.
            _cache.Remove(Enumerable.Range(first, _cache.Count - first).ToList());
            throw;
        }
        var sample = new int[k];
        foreach (var g in group) results[g] = new BatchRow[requests[g].Streams.Count];
        foreach (var i in promptOfSlot)
        {
            var r = requests[group[i]];
            var row = new BatchRow(r.Prompt, r.Options, r.Streams[sample[i]], r.TopLogprobs);
            results[group[i]][sample[i]++] = row;
            _rows.Add(row);
        }
        var joined = logits.index_select(0, tensor(promptOfSlot.Select(i => (long)i).ToArray(), device: _device));
        var all = _logits is null ? joined : cat([_logits, joined]);
        _logits?.Dispose();
        _logits = all.DetachFromDisposeScope();
    }

    /// <summary>Takes rows out of the batch before they finish (e.g. their client went away); their Finish stays null.</summary>
    public void Remove(IReadOnlyCollection<BatchRow> rows)
    {
        if (rows.Count == 0) return;
        using var scope = NewDisposeScope();
        var slots = rows.Select(r => _rows.IndexOf(r)).Where(i => i >= 0).ToList();
        var order = Compact(slots);
        if (_logits is null) return;
        if (order.Length == 0)
        {
            _logits.Dispose();
            _logits = null;
            return;
        }
        var kept = _logits.index_select(0, tensor(order.Select(o => (long)o).ToArray(), device: _device));
        _logits.Dispose();
        _logits = kept.DetachFromDisposeScope();
    }

    /// <summary>One decode step: every row gets its next token; rows that finish with it leave the batch; the others are
    /// run through the model for the following step.</summary>
    /// <returns>One entry per row that was running, in slot order.</returns>
    public IReadOnlyList<RowToken> Step()
    {
        if (_rows.Count == 0 || _logits is null) return [];
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        int b = _rows.Count;
        int k = (int)Math.Min(_rows.Max(r => r.TopLogprobs), _logits.shape[1]);
        var picks = _hostSamplers.Length > 0 ? PickOnHost(_logits, k) : PickOnDevice(_logits, k);
        var results = new RowToken[b];
        var finished = new List<int>();
        for (int r = 0; r < b; r++)
        {
            var row = _rows[r];
            int kr = Math.Min(row.TopLogprobs, k);
            var topIds = picks.TopIds.AsSpan(r * k, kr).ToArray();
            var topLps = picks.TopLogProbs.AsSpan(r * k, kr).ToArray();
            row.Append(picks.Ids[r], picks.LogProbs[r], _model.Config.ContextLength, _decode);
            results[r] = new RowToken(row, picks.Ids[r], picks.LogProbs[r], topIds, topLps, row.Finish);
            if (row.Finish is not null) finished.Add(r);
        }
        var order = Compact(finished);
        if (finished.Count > 0) _cache.Trim();
        _logits.Dispose();
        _logits = null;
        if (_rows.Count > 0)
        {
            if (_rowDecoder is not null && _rowDecoder.Handles(_rows.Count))
                _logits = _rowDecoder.Step(order.Select(o => results[o].TokenId).ToArray(), _cache).DetachFromDisposeScope();
            else
            {
                var ids = tensor(order.Select(o => (long)results[o].TokenId).ToArray(), device: _device).view(_rows.Count, 1);
                var (view, positions, mask) = _cache.Decode(_rows.Count);
                _logits = _model.call(new ForwardInput(ids, positions, mask, view, LastOnly: true)).squeeze(1).DetachFromDisposeScope();
            }
        }
        return results;
    }

    /// <summary>Each row's next token, its log-prob and its top-k alternatives (row-major, k per row).</summary>
    private sealed record Picks(int[] Ids, float[] LogProbs, int[] TopIds, float[] TopLogProbs);

    /// <summary>Picks on the logits' device with one host copy for the whole batch.</summary>
    private Picks PickOnDevice(Tensor logits, int k)
    {
        int b = _rows.Count;
        var next = Sample(logits);                                                       // [B]
        // log p = logit − logsumexp: only the chosen and the top-k entries are ever needed, so the [B, V] log-softmax
        // (19 MB a step for 32 rows of a 150k vocabulary) is never made.
        var lse = logits.logsumexp(-1, keepdim: true);                                    // [B, 1]
        var chosen = (logits.gather(1, next.unsqueeze(1)) - lse).squeeze(1);
        var parts = new List<Tensor> { next.to(ScalarType.Float64), chosen.to(ScalarType.Float64) };
        if (k > 0)
        {
            var (values, indices) = logits.topk(k, dim: 1);                              // [B, k]
            parts.Add((values - lse).flatten().to(ScalarType.Float64));
            parts.Add(indices.flatten().to(ScalarType.Float64));
        }
        var host = cat(parts).cpu().data<double>().ToArray();                            // the step's only host sync
        var picks = new Picks(new int[b], new float[b], new int[b * k], new float[b * k]);
        for (int r = 0; r < b; r++)
        {
            picks.Ids[r] = (int)host[r];
            picks.LogProbs[r] = (float)host[b + r];
        }
        for (int i = 0; i < b * k; i++)
        {
            picks.TopLogProbs[i] = (float)host[2 * b + i];
            picks.TopIds[i] = (int)host[2 * b + b * k + i];
        }
        return picks;
    }

    /// <summary>Picks in C# straight from CPU float32 logits, drawing the same one uniform per sampled row; chunks of rows
    /// run on the decoder's threads.</summary>
    private Picks PickOnHost(Tensor logits, int k)
    {
        int b = _rows.Count, v = (int)logits.shape[1];
        var all = logits.contiguous();
        var picks = new Picks(new int[b], new float[b], new int[b * k], new float[b * k]);
        const int rowsPerChunk = 8;
        int chunks = (b + rowsPerChunk - 1) / rowsPerChunk, threads = Math.Min(_hostSamplers.Length, chunks);
        SpinForkJoin.Shared.For(chunks, threads, (chunk, thread) =>
        {
            var sampler = _hostSamplers[thread];
            var values = MemoryMarshal.Cast<byte, float>(all.bytes);
            for (int r = chunk * rowsPerChunk; r < Math.Min(b, (chunk + 1) * rowsPerChunk); r++)
            {
                var row = _rows[r];
                var x = values.Slice(r * v, v);
                float max = SimdMath.Max(x), lse = SimdMath.LogSumExp(x, max);
                var o = row.Options;
                // Plain greedy is the first largest logit: no copy of the row.
                int id = o.Greedy && o.RepetitionPenalty == 1.0 ? SimdMath.IndexOf(x, max)
                    : sampler.Next(x, o, o.Greedy ? 0 : row.Stream!.NextDouble(), row.Seen);
                picks.Ids[r] = id;
                picks.LogProbs[r] = x[id] - lse;
                if (k == 0) continue;
                var (ids, top) = HostSampler.TopK(x, k);
                for (int j = 0; j < k; j++)
                {
                    picks.TopIds[r * k + j] = ids[j];
                    picks.TopLogProbs[r * k + j] = top[j] - lse;
                }
            }
        });
        return picks;
    }

    /// <summary>Frees the slots of the given rows; returns for each remaining row its previous slot.</summary>
    private int[] Compact(IReadOnlyCollection<int> slots)
    {
        if (slots.Count == 0) return Enumerable.Range(0, _rows.Count).ToArray();
        var order = _cache.Remove(slots);
        var before = _rows.ToArray();
        _rows.Clear();
        _rows.AddRange(order.Select(o => before[o]));
        return order;
    }

    private Tensor Sample(Tensor logits)
    {
        var groups = Enumerable.Range(0, _rows.Count).GroupBy(r => SamplerKey.Of(_rows[r].Options)).ToList();
        if (groups.Count == 1) return SampleRows(logits, groups[0].ToList());
        var next = zeros(_rows.Count, ScalarType.Int64, device: _device);
        foreach (var g in groups)
        {
            var rows = g.ToList();
            var idx = tensor(rows.Select(r => (long)r).ToArray(), device: _device);
            next.index_copy_(0, idx, SampleRows(logits.index_select(0, idx), rows));
        }
        return next;
    }

    /// <summary>Samples rows that share their sampler settings; <paramref name="logits"/> holds just those rows.</summary>
    private Tensor SampleRows(Tensor logits, List<int> rows)
    {
        var o = _rows[rows[0]].Options;
        var uniforms = o.Greedy ? [] : rows.Select(r => _rows[r].Stream!.NextDouble()).ToArray();
        Tensor? seen = null;
        if (o.RepetitionPenalty != 1.0)
        {
            var pairs = rows.SelectMany((r, i) => _rows[r].Seen!.Select(id => (Row: (long)i, Id: (long)id))).ToList();
            seen = zeros([rows.Count, logits.shape[1]], ScalarType.Bool, device: _device);
            seen.index_put_(tensor(true, device: _device),
                tensor(pairs.Select(p => p.Row).ToArray(), device: _device), tensor(pairs.Select(p => p.Id).ToArray(), device: _device));
        }
        return Sampler.Next(logits, o, uniforms, seen);
    }

    private void Check(IReadOnlyList<int> prompt, SamplingOptions o, string name)
    {
        var errors = o.Validate();
        if (errors.Count > 0) throw new RaitException("sampling options: " + string.Join("; ", errors));
        if (prompt.Count == 0) throw new RaitException($"{name}: empty prompt (it must contain at least one token).");
        if (prompt.Count >= _model.Config.ContextLength)
            throw new RaitException($"{name}: {prompt.Count} tokens, but the context length is {_model.Config.ContextLength} (max_position_embeddings, with rope_scaling).");
        foreach (var id in prompt)
            if (id < 0 || id >= _model.Config.VocabSize) throw new RaitException($"{name}: token id {id} outside the vocabulary (0..{_model.Config.VocabSize - 1}).");
        if (o.StopStrings.Count > 0 && _decode is null) throw new ArgumentException("stop strings need a decode function");
    }

    public void Dispose()
    {
        _logits?.Dispose();
        _logits = null;
        _rows.Clear();
        _cache.Dispose();
    }

    /// <summary>Rows whose sampler settings are equal are sampled together.</summary>
    private sealed record SamplerKey(double Temperature, int TopK, double TopP, double MinP, double RepetitionPenalty)
    {
        public static SamplerKey Of(SamplingOptions o) => new(o.Temperature, o.TopK, o.TopP, o.MinP, o.RepetitionPenalty);
    }
}

/// <summary>A prompt to add to a <see cref="ContinuousBatch"/>: one row per stream (null = greedy).</summary>
/// <param name="TopLogprobs">Alternatives reported per generated token.</param>
/// <param name="Name">Names the prompt in error messages.</param>
public sealed record JoinRequest(IReadOnlyList<int> Prompt, SamplingOptions Options, IReadOnlyList<SplitMix64?> Streams, int TopLogprobs = 0, string Name = "prompt");
