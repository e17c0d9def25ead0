using System.Text;
using Rait.Core;
using Rait.Core.Records;
using Rait.Model.Generation;
using Rait.Server.Engine;

namespace Rait.Server.Tests.Support;

/// <summary>A backend without a model: UTF-8 bytes are tokens, every completion is <see cref="Answer"/> (cut by max tokens and
/// stop strings, as the engine cuts), decoded one step at a time with live tokens. Gates hold the engine thread so tests
/// control what is queued and when a generation may finish. It batches with <see cref="BatchingQueue{TItem,TResult}"/>.</summary>
internal sealed class FakeBackend : IChatBackend, IDisposable
{
    private readonly BatchingQueue<GenerationRequest, IReadOnlyList<GeneratedChoice>> _queue;
    private readonly List<int> _batchSizes = [];
    private int _started, _finished, _cancelled;

    public FakeBackend(int maxBatchRows = 32, int maxQueue = 64, int contextLength = 64, string answer = "ok!")
    {
        ContextLength = contextLength;
        Answer = answer;
        _queue = new(Run, r => SamplingKey.Of(r), r => r.Prompts.Count * r.Sampling.NumSamples, maxBatchRows, maxQueue, "fake-engine");
    }

    public string Answer { get; }
    /// <summary>Reset = the engine thread waits before running the next batch.</summary>
    public ManualResetEventSlim Gate { get; } = new(true);
    /// <summary>Reset = the engine thread waits after the first decode step (its tokens already handed out).</summary>
    public ManualResetEventSlim MidGate { get; } = new(true);
    public List<GenerationRequest> Requests { get; } = [];
    /// <summary>Set = the engine fails right after handing out the first decode step (a fault mid-stream).</summary>
    public bool FailAfterFirstStep { get; set; }
    /// <summary>Batches the engine thread has begun (before waiting on the gate).</summary>
    public int Started => Volatile.Read(ref _started);
    /// <summary>Batches whose generation has run to the end.</summary>
    public int Finished => Volatile.Read(ref _finished);
    /// <summary>Batches stopped because every request in them was cancelled.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);
    public IReadOnlyList<int> BatchSizes { get { lock (_batchSizes) return _batchSizes.ToList(); } }
    public string ModelId => "fake-model";
    public int ContextLength { get; }
    public int VocabSize => 256;
    public string Fingerprint => "0123456789abcdef";
    public int QueueDepth => _queue.Depth;

    public IReadOnlyList<int> EncodeChat(IReadOnlyList<ChatMessage> messages)
    {
        if (messages.Count == 0) throw new RaitException("prompt: empty prompt.");
        return EncodeText(string.Concat(messages.Select(m => $"{m.Role}: {m.Content}\n")));
    }

    public IReadOnlyList<int> EncodeText(string text) => Encoding.UTF8.GetBytes(text).Select(b => (int)b).ToList();

    public string Decode(IReadOnlyList<int> ids) => Encoding.UTF8.GetString(ids.Select(i => (byte)i).ToArray());

    public Task<IReadOnlyList<GeneratedChoice>> GenerateAsync(GenerationRequest request, CancellationToken ct) => _queue.EnqueueAsync(request, ct);

    private IReadOnlyList<IReadOnlyList<GeneratedChoice>> Run(IReadOnlyList<GenerationRequest> batch, CancellationToken ct)
    {
        Interlocked.Increment(ref _started);
        Gate.Wait(ct);
        lock (_batchSizes) _batchSizes.Add(batch.Count);
        lock (Requests) Requests.AddRange(batch);
        var rows = batch.Select(r => Enumerable.Range(0, r.Prompts.Count * r.Sampling.NumSamples).Select(_ => Tokens(r)).ToList()).ToList();
        var choices = batch.Select((r, ri) => (IReadOnlyList<GeneratedChoice>)rows[ri].Select((ids, c) =>
            Choice(r, ids, c / r.Sampling.NumSamples, c % r.Sampling.NumSamples)).ToList()).ToList();
        try
        {
            for (int step = 0; step < rows.SelectMany(r => r).Select(t => t.Count).DefaultIfEmpty(0).Max(); step++)
            {
                for (int r = 0; r < batch.Count; r++)
                    for (int c = 0; c < rows[r].Count; c++)
                        if (step < rows[r][c].Count)
                            batch[r].OnToken?.Invoke(c, rows[r][c][step], step + 1 == rows[r][c].Count ? choices[r][c].Finish : null,
                                choices[r][c].CompletionLogprobs?[step]);
                if (step == 0) MidGate.Wait(ct);
                if (step == 0 && FailAfterFirstStep) throw new InvalidOperationException("the engine failed mid-generation");
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
        Interlocked.Increment(ref _finished);
        return choices;
    }

    /// <summary>The answer's bytes up to max tokens, ending at the token that completes a stop string (as the engine stops).</summary>
    private List<int> Tokens(GenerationRequest r)
    {
        var ids = new List<int>();
        foreach (var b in Encoding.UTF8.GetBytes(Answer).Take(r.Sampling.MaxNewTokens))
        {
            ids.Add(b);
            if (StopAt(r, Decode(ids)) >= 0) break;
        }
        return ids;
    }

    private static int StopAt(GenerationRequest r, string text) =>
        r.Sampling.StopStrings.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();

    private GeneratedChoice Choice(GenerationRequest r, List<int> ids, int promptIndex, int sample)
    {
        var text = Decode(ids);
        int stop = StopAt(r, text);
        if (stop >= 0) text = text[..stop];
        var prompt = r.Prompts[promptIndex];
        var decoder = new IncrementalDecoder(Decode);
        TokenLogprobInfo Info(int id) => new(((char)id).ToString(), -0.5f,
            Enumerable.Range(0, r.Logprobs.TopK).Select(k => new TokenAlternative(k == 0 ? ((char)id).ToString() : $"alt{k}", -0.5f - k)).ToList());
        bool whole = ids.Count == Encoding.UTF8.GetByteCount(Answer);
        return new GeneratedChoice(promptIndex, sample, text, ids, ids.Select(decoder.Push).ToList(),
            stop >= 0 || whole ? FinishReason.Stop : FinishReason.Length,
            r.Logprobs.Completion ? ids.Select(Info).ToList() : null,
            r.Logprobs.Prompt ? [new TokenLogprobInfo(((char)prompt[0]).ToString(), null, []), .. prompt.Skip(1).Select(Info)] : null);
    }

    public void Dispose()
    {
        Gate.Set();
        MidGate.Set();
        _queue.Dispose();
        Gate.Dispose();
        MidGate.Dispose();
    }
}
