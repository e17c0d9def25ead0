using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Streams finished choices as chat.completion.chunk events: a role delta, one delta per token, a finish
/// chunk, an optional usage chunk, then [DONE].</summary>
/// <remarks>The engine returns whole completions (the generator has no per-token callback), so the chunks follow the
/// batch rather than arriving token by token.</remarks>
internal static class ChatStream
{
    public static async Task WriteAsync(SseWriter sse, string id, string model, IReadOnlyList<GeneratedChoice> choices, bool logprobs, Usage? usage)
    {
        long created = ApiResults.UnixNow();
        ChatCompletionChunk Chunk(ChunkChoice c) => new(id, created, model, [c], null);
        for (int i = 0; i < choices.Count; i++)
        {
            var c = choices[i];
            await sse.WriteAsync(Chunk(new ChunkChoice(i, new ChunkDelta("assistant", ""), null, null)));
            int emitted = 0;
            for (int t = 0; t < c.Pieces.Count && emitted < c.Text.Length; t++)
            {
                // Pieces run past Text when a stop string cut it; clamp to Text.
                var piece = c.Pieces[t][..Math.Min(c.Pieces[t].Length, c.Text.Length - emitted)];
                if (piece.Length == 0 && !logprobs) continue;
                emitted += piece.Length;
                var lp = logprobs ? ChatCompletionsEndpoint.Logprobs([c.CompletionLogprobs![t]]) : null;
                await sse.WriteAsync(Chunk(new ChunkChoice(i, new ChunkDelta(null, piece), lp, null)));
            }
            if (emitted < c.Text.Length)
                await sse.WriteAsync(Chunk(new ChunkChoice(i, new ChunkDelta(null, c.Text[emitted..]), null, null)));
            await sse.WriteAsync(Chunk(new ChunkChoice(i, new ChunkDelta(null, null), null, ApiResults.FinishReason(c.Finish))));
        }
        if (usage is not null) await sse.WriteAsync(new ChatCompletionChunk(id, created, model, [], usage));
        await sse.WriteDoneAsync();
    }
}
