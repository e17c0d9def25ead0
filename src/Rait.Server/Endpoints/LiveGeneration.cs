using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Rait.Server.Endpoints;

/// <summary>A streamed request in flight: the engine thread drops tokens into a channel, the endpoint reads them as text
/// pieces per choice while generation continues.</summary>
internal sealed class LiveGeneration
{
    private readonly Channel<(int Choice, int Token)> _tokens;
    private readonly StreamedText[] _texts;

    private LiveGeneration(Channel<(int, int)> tokens, StreamedText[] texts, Task<IReadOnlyList<GeneratedChoice>> result)
    {
        _tokens = tokens;
        _texts = texts;
        Result = result;
    }

    /// <summary>Completes with the final choices once the batch has run.</summary>
    public Task<IReadOnlyList<GeneratedChoice>> Result { get; }

    /// <summary>Queues the request and waits for its first token (or its end), so a failure before any output
    /// (full queue, bad input) still becomes a proper HTTP error: no header has been sent yet.</summary>
    /// <exception cref="QueueFullException">The queue is at capacity.</exception>
    public static async Task<LiveGeneration> StartAsync(IChatBackend backend, GenerationRequest request, CancellationToken ct)
    {
        // Unbounded: the engine thread must never wait on a slow client; a request holds at most max_tokens × n entries.
        var tokens = Channel.CreateUnbounded<(int, int)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        int choices = request.Prompts.Count * request.Sampling.NumSamples;
        var texts = Enumerable.Range(0, choices).Select(_ => new StreamedText(backend.Decode, request.Sampling.StopStrings)).ToArray();
        var result = backend.GenerateAsync(request with { OnToken = (c, id) => tokens.Writer.TryWrite((c, id)) }, ct);
        // Every token is written before the result completes, so completing the channel here loses none.
        _ = result.ContinueWith(_ => tokens.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (!await tokens.Reader.WaitToReadAsync(ct)) await result;
        return new LiveGeneration(tokens, texts, result);
    }

    /// <summary>New text per choice, in choice order, for every group of tokens that arrived together (one SSE chunk each).</summary>
    public async IAsyncEnumerable<(int Choice, string Text)> PiecesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var pending = new string[_texts.Length];
        while (await _tokens.Reader.WaitToReadAsync(ct))
        {
            Array.Fill(pending, "");
            while (_tokens.Reader.TryRead(out var t)) pending[t.Choice] += _texts[t.Choice].Push(t.Token);
            for (int c = 0; c < pending.Length; c++)
                if (pending[c].Length > 0) yield return (c, pending[c]);
        }
    }

    /// <summary>Text still held for <paramref name="choice"/> once its final text is known.</summary>
    public string Rest(int choice, string finalText) => _texts[choice].Finish(finalText);
}
