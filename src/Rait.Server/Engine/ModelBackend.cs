using Rait.Core.Records;
using Rait.Model;
using Rait.Model.Generation;

namespace Rait.Server.Engine;

/// <summary>The real backend: a <see cref="LanguageModel"/> behind a <see cref="BatchingQueue{TItem,TResult}"/>.
/// All tensor work happens on the queue's worker thread; decoding token texts happens on the caller's.</summary>
public sealed class ModelBackend : IChatBackend, IDisposable
{
    private readonly LanguageModel _lm;
    private readonly BatchingQueue<GenerationRequest, IReadOnlyList<RawChoice>> _queue;

    /// <param name="lm">The model; the caller keeps ownership and disposes it after this backend.</param>
    /// <param name="maxBatchRows">Most sequences (prompts × n) decoded together.</param>
    /// <param name="maxQueue">Most requests waiting before 429.</param>
    public ModelBackend(LanguageModel lm, string modelId, int maxBatchRows = 32, int maxQueue = 256)
    {
        _lm = lm;
        ModelId = modelId;
        _queue = new(RunBatch, r => SamplingKey.Of(r), r => r.Prompts.Count * r.Sampling.NumSamples, maxBatchRows, maxQueue, "rait-engine");
    }

    public string ModelId { get; }
    public int ContextLength => _lm.Model.Config.MaxPositions;
    public int VocabSize => _lm.Model.Config.VocabSize;
    public string Fingerprint => _lm.Fingerprint;
    public int QueueDepth => _queue.Depth;
    /// <summary>Batches run so far and the most requests one batch held (for tests and the bench).</summary>
    public (long Batches, int LargestBatch) Stats => (_queue.BatchesRun, _queue.LargestBatch);

    public IReadOnlyList<int> EncodeChat(IReadOnlyList<ChatMessage> messages) => _lm.EncodePrompt(messages, chat: true);

    public IReadOnlyList<int> EncodeText(string text) => _lm.Tokenizer.Encode(text, addSpecialTokens: true);

    public string Decode(IReadOnlyList<int> ids) => _lm.Tokenizer.Decode(ids);

    public async Task<IReadOnlyList<GeneratedChoice>> GenerateAsync(GenerationRequest request, CancellationToken ct)
    {
        var raw = await _queue.EnqueueAsync(request, ct).ConfigureAwait(false);
        return raw.Select(Render).ToList();
    }

    /// <summary>Engine thread: one Generate call for the whole batch, then the log-probs each request asked for.</summary>
    private IReadOnlyList<IReadOnlyList<RawChoice>> RunBatch(IReadOnlyList<GenerationRequest> batch, CancellationToken ct)
    {
        var options = batch[0].Sampling with { PromptSeeds = batch.SelectMany(PromptSeeds).ToList() };
        var prompts = batch.SelectMany(r => r.Prompts).ToList();
        IReadOnlyList<TextCompletion> outs = options.MaxNewTokens == 0
            ? prompts.SelectMany((_, p) => Enumerable.Range(0, options.NumSamples)
                .Select(s => new TextCompletion(p, s, "", [], [], FinishReason.Length))).ToList()
            : _lm.Generate(prompts, options, ct, LiveTokens(batch, options));
        var results = new List<IReadOnlyList<RawChoice>>(batch.Count);
        int offset = 0;
        foreach (var request in batch)
        {
            int lo = offset, hi = offset + request.Prompts.Count;
            results.Add(outs.Where(c => c.PromptIndex >= lo && c.PromptIndex < hi)
                .Select(c => ToRaw(request, c, c.PromptIndex - lo, ct)).ToList());
            offset = hi;
        }
        return results;
    }

    /// <summary>Seeds of a request's prompts, derived from its own seed exactly as a call with only this request would
    /// derive them, so batching never changes a seeded request's text.</summary>
    private static IEnumerable<long> PromptSeeds(GenerationRequest r)
    {
        var own = new SamplingOptions { Seed = r.Seed ?? Random.Shared.NextInt64(long.MaxValue) };
        return Enumerable.Range(0, r.Prompts.Count).Select(own.PromptSeed);
    }

    /// <summary>Routes the generator's per-step tokens to the requests that stream; null (no cost) when none does.</summary>
    private TokenCallback? LiveTokens(IReadOnlyList<GenerationRequest> batch, SamplingOptions options)
    {
        if (batch.All(r => r.OnToken is null)) return null;
        // Batch sequence s belongs to the request owning prompt s / n; its choice index is s minus the request's first sequence.
        var owner = new (LiveToken? Sink, int First)[batch.Sum(r => r.Prompts.Count) * options.NumSamples];
        int first = 0;
        foreach (var r in batch)
        {
            int count = r.Prompts.Count * options.NumSamples;
            for (int s = first; s < first + count; s++) owner[s] = (r.OnToken, first);
            first += count;
        }
        var stops = _lm.WithDefaultStops(options).StopTokenIds.ToHashSet(); // live text never shows the stop token, as the final text does
        return (s, id, finish) =>
        {
            var (sink, start) = owner[s];
            sink?.Invoke(s - start, stops.Contains(id) ? null : id, finish);
        };
    }

    private RawChoice ToRaw(GenerationRequest request, TextCompletion c, int promptIndex, CancellationToken ct)
    {
        var promptIds = request.Prompts[promptIndex];
        var wants = request.Logprobs;
        IReadOnlyList<PositionLogprobs>? completion = null, prompt = null;
        if (wants.Any)
        {
            ct.ThrowIfCancellationRequested();
            var all = promptIds.Concat(c.TokenIds).ToList();
            int from = wants.Prompt ? 1 : promptIds.Count;
            var scored = TokenDistributions.Compute(_lm.Model, all, from, wants.TopK);
            int promptPart = promptIds.Count - from;
            if (wants.Prompt) prompt = scored.Take(promptPart).ToList();
            if (wants.Completion) completion = scored.Skip(promptPart).ToList();
        }
        return new RawChoice(promptIndex, c.SampleIndex, c.Text, c.TokenIds, c.Finish, promptIds, completion, prompt);
    }

    private GeneratedChoice Render(RawChoice r)
    {
        var tok = _lm.Tokenizer;
        var all = r.PromptIds.Concat(r.TokenIds).ToList();
        TokenLogprobInfo Info(PositionLogprobs p, int position) => new(
            TokenText.InContext(tok, all, position, p.TokenId), p.Logprob,
            p.TopIds.Select((id, i) => new TokenAlternative(TokenText.InContext(tok, all, position, id), p.TopLogprobs[i])).ToList());
        IReadOnlyList<TokenLogprobInfo>? promptLps = r.Prompt is null ? null :
            [new TokenLogprobInfo(TokenText.InContext(tok, all, 0, all[0]), null, []), .. r.Prompt.Select((p, i) => Info(p, i + 1))];
        var completionLps = r.Completion?.Select((p, i) => Info(p, r.PromptIds.Count + i)).ToList();
        return new GeneratedChoice(r.PromptIndex, r.SampleIndex, r.Text, r.TokenIds, TokenText.Pieces(tok, r.TokenIds),
            r.Finish, completionLps, promptLps);
    }

    /// <summary>Stops the engine thread; the model stays with its owner.</summary>
    public void Dispose() => _queue.Dispose();
}
