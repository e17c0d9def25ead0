using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Streams a legacy completion live: per choice (index = prompt × n + sample) the echoed prompt, text pieces (with
/// their tokens' log-probs when asked) while the engine decodes, then the rest with the finish reason as soon as that choice
/// ends; an optional usage chunk, then [DONE]. A failure after the first event becomes an error event followed by [DONE].</summary>
internal static class CompletionStream
{
    public static async Task WriteLiveAsync(HttpContext ctx, IChatBackend backend, GenerationRequest request, string id,
        IReadOnlyList<string>? echoTexts, bool includeUsage)
    {
        var live = await LiveGeneration.StartAsync(backend, request, ctx.RequestAborted);
        var sse = new SseWriter(ctx);
        live.Writer = sse;
        long created = ApiResults.UnixNow();
        CompletionResponse Chunk(int index, string text, string? finish, CompletionLogprobs? lp = null) =>
            new(id, created, backend.ModelId, [new CompletionChoice(text, index, lp, finish)], null);
        int n = request.Sampling.NumSamples, count = request.Prompts.Count * n;
        var sent = new int[count];   // characters of completion text sent per choice, for text_offset
        await sse.StreamAsync(async () =>
        {
            if (echoTexts is not null)
                for (int i = 0; i < count; i++) await sse.WriteAsync(Chunk(i, echoTexts[i / n], null));
            await foreach (var piece in live.PiecesAsync(ctx.RequestAborted))
            {
                var lp = request.Logprobs.Completion && piece.Logprobs.Count > 0 ? Logprobs(piece.Logprobs, sent[piece.Choice], piece.Text.Length) : null;
                sent[piece.Choice] += piece.Text.Length;
                await sse.WriteAsync(Chunk(piece.Choice, piece.Text, piece.Finish is { } finish ? ApiResults.FinishReason(finish) : null, lp));
            }
            var choices = await live.Result;
            foreach (var c in choices.OrderBy(c => c.PromptIndex * n + c.SampleIndex).Where(c => !live.Closed(c.PromptIndex * n + c.SampleIndex)))
            {
                int index = c.PromptIndex * n + c.SampleIndex;
                await sse.WriteAsync(Chunk(index, live.Rest(index, c.Text), ApiResults.FinishReason(c.Finish)));
            }
            if (includeUsage)
                await sse.WriteAsync(new CompletionResponse(id, created, backend.ModelId, [], ApiResults.Usage(request, choices)) { EventsBeforeEnd = live.EventsAtEnd });
        });
    }

    /// <summary>Legacy log-prob lists of one chunk's tokens; offsets advance by each token's text within the chunk's text.</summary>
    private static CompletionLogprobs Logprobs(IReadOnlyList<TokenLogprobInfo> tokens, int start, int chunkLength)
    {
        var offsets = new List<int>(tokens.Count);
        int at = 0;
        foreach (var t in tokens)
        {
            offsets.Add(start + Math.Min(at, chunkLength));
            at += t.Token.Length;
        }
        return new CompletionLogprobs(tokens.Select(t => t.Token).ToList(), tokens.Select(t => t.Logprob).ToList(),
            tokens.Select(t => (IReadOnlyDictionary<string, float>?)CompletionLogprobsBuilder.Top(t)).ToList(), offsets);
    }
}
