using Rait.Core.Records;
using Rait.Model;

namespace Rait.Server.Engine;

/// <summary>The real backend: a <see cref="LanguageModel"/> behind a <see cref="ContinuousEngine"/>.
/// All tensor work happens on the engine's worker thread; decoding token texts happens on the caller's.</summary>
public sealed class ModelBackend : IChatBackend, IDisposable
{
    private readonly LanguageModel _lm;
    private readonly ContinuousEngine _engine;

    /// <param name="lm">The model; the caller keeps ownership and disposes it after this backend.</param>
    /// <param name="maxBatchRows">Most sequences (prompts × n) decoded together.</param>
    /// <param name="maxQueue">Most requests waiting before 429.</param>
    public ModelBackend(LanguageModel lm, string modelId, int maxBatchRows = 32, int maxQueue = 256)
        : this(lm, modelId, new EngineOptions { MaxBatchRows = maxBatchRows, MaxQueue = maxQueue })
    {
    }

    public ModelBackend(LanguageModel lm, string modelId, EngineOptions options)
    {
        _lm = lm;
        ModelId = modelId;
        _engine = new ContinuousEngine(lm, options);
    }

    public string ModelId { get; }
    public int ContextLength => _lm.Model.Config.ContextLength;
    public int VocabSize => _lm.Model.Config.VocabSize;
    public string Fingerprint => _lm.Fingerprint;
    public int QueueDepth => _engine.Depth;
    /// <summary>Decode steps run, most rows decoded together, the KV-cache peak against its budget, and the engine thread's
    /// live tensors when it last went idle (for tests and the bench).</summary>
    public (long Steps, long PeakRows, long PeakCacheBytes, long CacheBudget, long IdleLiveTensors) Stats =>
        (_engine.Steps, _engine.PeakRows, _engine.PeakCacheBytes, _engine.CacheBudget, _engine.IdleLiveTensors);

    public IReadOnlyList<int> EncodeChat(IReadOnlyList<ChatMessage> messages) => _lm.EncodePrompt(messages, chat: true);

    public IReadOnlyList<int> EncodeText(string text) => _lm.Tokenizer.Encode(text, addSpecialTokens: true);

    public string Decode(IReadOnlyList<int> ids) => _lm.Tokenizer.Decode(ids);

    public async Task<IReadOnlyList<GeneratedChoice>> GenerateAsync(GenerationRequest request, CancellationToken ct)
    {
        var raw = await _engine.EnqueueAsync(request, Live(request), ct).ConfigureAwait(false);
        return raw.Select(Render).ToList();
    }

    /// <summary>Turns the engine's live tokens into the request's <see cref="LiveToken"/>, rendering log-probs in context.</summary>
    private RawLiveToken? Live(GenerationRequest request)
    {
        if (request.OnToken is not { } sink) return null;
        int n = request.Sampling.NumSamples;
        var contexts = Enumerable.Range(0, request.Prompts.Count * n).Select(c => request.Prompts[c / n].ToList()).ToArray();
        return (choice, id, finish, lp) =>
        {
            TokenLogprobInfo? info = null;
            if (lp is not null) info = Info(lp, contexts[choice], contexts[choice].Count);
            if (id is int token) contexts[choice].Add(token);
            sink(choice, id, finish, info);
        };
    }

    private TokenLogprobInfo Info(PositionLogprobs p, IReadOnlyList<int> context, int position)
    {
        var tok = _lm.Tokenizer;
        return new(TokenText.InContext(tok, context, position, p.TokenId), p.Logprob,
            p.TopIds.Select((id, i) => new TokenAlternative(TokenText.InContext(tok, context, position, id), p.TopLogprobs[i])).ToList());
    }

    private GeneratedChoice Render(RawChoice r)
    {
        var tok = _lm.Tokenizer;
        var all = r.PromptIds.Concat(r.TokenIds).ToList();
        IReadOnlyList<TokenLogprobInfo>? promptLps = r.Prompt is null ? null :
            [new TokenLogprobInfo(TokenText.InContext(tok, all, 0, all[0]), null, []), .. r.Prompt.Select((p, i) => Info(p, all, i + 1))];
        var completionLps = r.Completion?.Select((p, i) => Info(p, all, r.PromptIds.Count + i)).ToList();
        return new GeneratedChoice(r.PromptIndex, r.SampleIndex, r.Text, r.TokenIds, TokenText.Pieces(tok, r.TokenIds),
            r.Finish, completionLps, promptLps);
    }

    /// <summary>Stops the engine thread; the model stays with its owner.</summary>
    public void Dispose() => _engine.Dispose();
}
