using System.Text;
using Rait.Core;
using Rait.Core.Records;
using Rait.Model.Generation;
using Rait.Server.Engine;

namespace Rait.Server.Tests.Support;

/// <summary>A backend without a model: bytes are tokens, every completion is "ok!" (cut by max tokens), and a gate can hold
/// the engine thread so tests control what is queued. It uses the real <see cref="BatchingQueue{TItem,TResult}"/>.</summary>
internal sealed class FakeBackend : IChatBackend, IDisposable
{
    public const string Answer = "ok!";
    private readonly BatchingQueue<GenerationRequest, IReadOnlyList<GeneratedChoice>> _queue;
    private readonly List<int> _batchSizes = [];
    private int _started;

    public FakeBackend(int maxBatchRows = 32, int maxQueue = 64, int contextLength = 64)
    {
        ContextLength = contextLength;
        _queue = new(Run, r => SamplingKey.Of(r), r => r.Prompts.Count * r.Sampling.NumSamples, maxBatchRows, maxQueue, "fake-engine");
    }

    /// <summary>Reset = the engine thread waits before running the next batch.</summary>
    public ManualResetEventSlim Gate { get; } = new(true);
    public List<GenerationRequest> Requests { get; } = [];
    /// <summary>Batches the engine thread has begun (before waiting on the gate).</summary>
    public int Started => Volatile.Read(ref _started);
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
        return batch.Select(r => (IReadOnlyList<GeneratedChoice>)r.Prompts.SelectMany((p, pi) =>
            Enumerable.Range(0, r.Sampling.NumSamples).Select(s => Choice(r, p, pi, s))).ToList()).ToList();
    }

    private static GeneratedChoice Choice(GenerationRequest r, IReadOnlyList<int> prompt, int promptIndex, int sample)
    {
        var text = Answer[..Math.Min(Answer.Length, r.Sampling.MaxNewTokens)];
        var ids = text.Select(ch => (int)ch).ToList();
        TokenLogprobInfo Info(int id) => new(((char)id).ToString(), -0.5f,
            Enumerable.Range(0, r.Logprobs.TopK).Select(k => new TokenAlternative(k == 0 ? ((char)id).ToString() : $"alt{k}", -0.5f - k)).ToList());
        return new GeneratedChoice(promptIndex, sample, text, ids, text.Select(ch => ch.ToString()).ToList(),
            text.Length == Answer.Length ? FinishReason.Stop : FinishReason.Length,
            r.Logprobs.Completion ? ids.Select(Info).ToList() : null,
            r.Logprobs.Prompt ? [new TokenLogprobInfo(((char)prompt[0]).ToString(), null, []), .. prompt.Skip(1).Select(Info)] : null);
    }

    public void Dispose()
    {
        Gate.Set();
        _queue.Dispose();
        Gate.Dispose();
    }
}
