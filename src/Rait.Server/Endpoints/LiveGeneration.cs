using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Rait.Model.Generation;

namespace Rait.Server.Endpoints;

/// <summary>A streamed request in flight: the engine thread drops tokens into a channel, the endpoint reads them as text
/// pieces per choice while generation continues.</summary>
internal sealed class LiveGeneration
{
    private readonly Channel<(int Choice, int? Token, FinishReason? Finish, TokenLogprobInfo? Logprobs)> _tokens;
    private readonly StreamedText[] _texts;
    private readonly bool[] _closed;
    private readonly StreamEnd _end;

    /// <summary>Written on the engine thread, read by the endpoint.</summary>
    private sealed class StreamEnd
    {
        private SseWriter? _writer;
        private int _at = -1;
        public SseWriter? Writer { get => Volatile.Read(ref _writer); set => Volatile.Write(ref _writer, value); }
        public int At { get => Volatile.Read(ref _at); set => Volatile.Write(ref _at, value); }
    }

    private LiveGeneration(Channel<(int, int?, FinishReason?, TokenLogprobInfo?)> tokens, StreamedText[] texts, Task<IReadOnlyList<GeneratedChoice>> result,
        StreamEnd end)
    {
        _end = end;
        _tokens = tokens;
        _texts = texts;
        _closed = new bool[texts.Length];
        Result = result;
    }

    /// <summary>SSE events the stream had sent when the engine decoded the request's last token; null until then.</summary>
    public int? EventsAtEnd => _end.At < 0 ? null : _end.At;

    /// <summary>The writer whose sent events <see cref="EventsAtEnd"/> counts (none before the response starts: 0).</summary>
    public SseWriter? Writer { get => _end.Writer; set => _end.Writer = value; }

    /// <summary>Completes with the final choices once the request's last choice has ended.</summary>
    public Task<IReadOnlyList<GeneratedChoice>> Result { get; }

    /// <summary>Queues the request and waits for its first token (or its end), so a failure before any output
    /// (full queue, bad input) still becomes a proper HTTP error: no header has been sent yet.</summary>
    /// <exception cref="QueueFullException">The queue is at capacity.</exception>
    public static async Task<LiveGeneration> StartAsync(IChatBackend backend, GenerationRequest request, CancellationToken ct)
    {
        // Unbounded: the engine thread must never wait on a slow client; a request holds at most max_tokens × n entries.
        var tokens = Channel.CreateUnbounded<(int, int?, FinishReason?, TokenLogprobInfo?)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        int choices = request.Prompts.Count * request.Sampling.NumSamples;
        var texts = Enumerable.Range(0, choices).Select(_ => new StreamedText(backend.Decode, request.Sampling.StopStrings)).ToArray();
        var end = new StreamEnd();
        int open = choices;
        var result = backend.GenerateAsync(request with
        {
            OnToken = (c, id, finish, lp) =>
            {
                tokens.Writer.TryWrite((c, id, finish, lp));
                // Runs on the engine thread right after the last token is decoded: what the client had by then arrived live.
                if (finish is not null && --open == 0) end.At = end.Writer?.Events ?? 0;
            },
        }, ct);
        // Every token is written before the result completes, so completing the channel here loses none.
        _ = result.ContinueWith(_ => tokens.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (!await tokens.Reader.WaitToReadAsync(ct)) await result;
        return new LiveGeneration(tokens, texts, result, end);
    }

    /// <summary>New text per choice, in choice order, for every group of tokens that arrived together (one SSE chunk each);
    /// a piece with a finish reason closes its choice: its text is the rest of the final text, and nothing follows.</summary>
    public async IAsyncEnumerable<LivePiece> PiecesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var pending = new string[_texts.Length];
        var finished = new FinishReason?[_texts.Length];
        var logprobs = new List<TokenLogprobInfo>?[_texts.Length];
        while (await _tokens.Reader.WaitToReadAsync(ct))
        {
            Array.Fill(pending, "");
            Array.Clear(finished);
            Array.Clear(logprobs);
            while (_tokens.Reader.TryRead(out var t))
            {
                if (t.Token is int id) pending[t.Choice] += _texts[t.Choice].Push(id);
                if (t.Logprobs is { } lp) (logprobs[t.Choice] ??= []).Add(lp);
                if (t.Finish is not { } finish) continue;
                pending[t.Choice] += _texts[t.Choice].Close();
                finished[t.Choice] = finish;
                _closed[t.Choice] = true;
            }
            for (int c = 0; c < pending.Length; c++)
                if (pending[c].Length > 0 || finished[c] is not null || logprobs[c] is not null)
                    yield return new LivePiece(c, pending[c], finished[c], logprobs[c] ?? []);
        }
    }

    /// <summary>True once <paramref name="choice"/> was closed by a piece with a finish reason.</summary>
    public bool Closed(int choice) => _closed[choice];

    /// <summary>Text still held for <paramref name="choice"/> once its final text is known (a choice the engine never closed).</summary>
    public string Rest(int choice, string finalText) => _texts[choice].Finish(finalText);
}

/// <summary>New text of one streamed choice; <see cref="Finish"/> set when the choice has ended with it.</summary>
/// <param name="Logprobs">Log-probs of the tokens behind this piece, when the request asked for them (their text may
/// still be held back, e.g. as the possible start of a stop string).</param>
internal sealed record LivePiece(int Choice, string Text, FinishReason? Finish, IReadOnlyList<TokenLogprobInfo> Logprobs);
