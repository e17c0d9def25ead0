using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Streams a chat completion as chat.completion.chunk events: a role delta per choice, content deltas, a finish
/// chunk per choice, an optional usage chunk, then [DONE].</summary>
internal static class ChatStream
{
    /// <summary>Live: content deltas are sent while the engine decodes, choices interleaved by index; a choice's finish chunk
    /// goes out as soon as that choice ends, not when its batch does.</summary>
    public static async Task WriteLiveAsync(HttpContext ctx, IChatBackend backend, GenerationRequest request, string id, bool includeUsage)
    {
        var live = await LiveGeneration.StartAsync(backend, request, ctx.RequestAborted);
        var sse = new SseWriter(ctx);
        long created = ApiResults.UnixNow();
        ChatCompletionChunk Chunk(int index, string? role, string? content, string? finish) =>
            new(id, created, backend.ModelId, [new ChunkChoice(index, new ChunkDelta(role, content), null, finish)], null);
        int n = request.Sampling.NumSamples;
        for (int i = 0; i < n; i++) await sse.WriteAsync(Chunk(i, "assistant", "", null));
        await foreach (var piece in live.PiecesAsync(ctx.RequestAborted))
        {
            if (piece.Text.Length > 0) await sse.WriteAsync(Chunk(piece.Choice, null, piece.Text, null));
            if (piece.Finish is { } finish) await sse.WriteAsync(Chunk(piece.Choice, null, null, ApiResults.FinishReason(finish)));
        }
        var choices = await live.Result;
        foreach (var c in choices.Where(c => !live.Closed(c.SampleIndex)))
        {
            var rest = live.Rest(c.SampleIndex, c.Text);
            if (rest.Length > 0) await sse.WriteAsync(Chunk(c.SampleIndex, null, rest, null));
            await sse.WriteAsync(Chunk(c.SampleIndex, null, null, ApiResults.FinishReason(c.Finish)));
        }
        if (includeUsage)
            await sse.WriteAsync(new ChatCompletionChunk(id, created, backend.ModelId, [], ApiResults.Usage(request, choices)));
        await sse.WriteDoneAsync();
    }

    /// <summary>Replay of finished choices, one delta per token with its log-probs: top alternatives come from re-scoring
    /// the whole completion, so a stream that asks for log-probs is sent once generation has finished.</summary>
    public static async Task WriteReplayAsync(HttpContext ctx, IChatBackend backend, GenerationRequest request, string id, bool includeUsage)
    {
        var choices = await backend.GenerateAsync(request, ctx.RequestAborted);
        var sse = new SseWriter(ctx);
        long created = ApiResults.UnixNow();
        ChatCompletionChunk Chunk(ChunkChoice c) => new(id, created, backend.ModelId, [c], null);
        for (int i = 0; i < choices.Count; i++)
        {
            var c = choices[i];
            await sse.WriteAsync(Chunk(new ChunkChoice(i, new ChunkDelta("assistant", ""), null, null)));
            int emitted = 0;
            for (int t = 0; t < c.Pieces.Count && emitted < c.Text.Length; t++)
            {
                // Pieces run past Text when a stop string cut it; clamp to Text.
                var piece = c.Pieces[t][..Math.Min(c.Pieces[t].Length, c.Text.Length - emitted)];
                emitted += piece.Length;
                var lp = ChatCompletionsEndpoint.Logprobs([c.CompletionLogprobs![t]]);
                await sse.WriteAsync(Chunk(new ChunkChoice(i, new ChunkDelta(null, piece), lp, null)));
            }
            if (emitted < c.Text.Length)
                await sse.WriteAsync(Chunk(new ChunkChoice(i, new ChunkDelta(null, c.Text[emitted..]), null, null)));
            await sse.WriteAsync(Chunk(new ChunkChoice(i, new ChunkDelta(null, null), null, ApiResults.FinishReason(c.Finish))));
        }
        if (includeUsage) await sse.WriteAsync(new ChatCompletionChunk(id, created, backend.ModelId, [], ApiResults.Usage(request, choices)));
        await sse.WriteDoneAsync();
    }
}
