using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Streams a chat completion as chat.completion.chunk events: a role delta per choice, content deltas (with their
/// tokens' log-probs when asked), a finish chunk per choice, an optional usage chunk, then [DONE].</summary>
internal static class ChatStream
{
    /// <summary>Content deltas are sent while the engine decodes, choices interleaved by index; a choice's finish chunk goes
    /// out as soon as that choice ends. A failure after the first event becomes an error event followed by [DONE].</summary>
    public static async Task WriteLiveAsync(HttpContext ctx, IChatBackend backend, GenerationRequest request, string id, bool includeUsage)
    {
        var live = await LiveGeneration.StartAsync(backend, request, ctx.RequestAborted);
        var sse = new SseWriter(ctx);
        live.Writer = sse;
        long created = ApiResults.UnixNow();
        bool logprobs = request.Logprobs.Completion;
        ChatCompletionChunk Chunk(int index, string? role, string? content, string? finish, ChatLogprobs? lp = null) =>
            new(id, created, backend.ModelId, [new ChunkChoice(index, new ChunkDelta(role, content), lp, finish)], null);
        await sse.StreamAsync(async () =>
        {
            int n = request.Sampling.NumSamples;
            for (int i = 0; i < n; i++) await sse.WriteAsync(Chunk(i, "assistant", "", null));
            await foreach (var piece in live.PiecesAsync(ctx.RequestAborted))
            {
                var lp = logprobs && piece.Logprobs.Count > 0 ? ChatCompletionsEndpoint.Logprobs(piece.Logprobs) : null;
                if (piece.Text.Length > 0 || lp is not null) await sse.WriteAsync(Chunk(piece.Choice, null, piece.Text, null, lp));
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
                await sse.WriteAsync(new ChatCompletionChunk(id, created, backend.ModelId, [], ApiResults.Usage(request, choices)) { EventsBeforeEnd = live.EventsAtEnd });
        });
    }
}
