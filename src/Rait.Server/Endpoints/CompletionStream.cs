using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Streams a legacy completion live: per choice (index = prompt × n + sample) the echoed prompt, text pieces while
/// the engine decodes, then the rest with the finish reason as soon as that choice ends; an optional usage chunk, then [DONE].</summary>
internal static class CompletionStream
{
    public static async Task WriteLiveAsync(HttpContext ctx, IChatBackend backend, GenerationRequest request, string id,
        IReadOnlyList<string>? echoTexts, bool includeUsage)
    {
        var live = await LiveGeneration.StartAsync(backend, request, ctx.RequestAborted);
        var sse = new SseWriter(ctx);
        long created = ApiResults.UnixNow();
        CompletionResponse Chunk(int index, string text, string? finish) =>
            new(id, created, backend.ModelId, [new CompletionChoice(text, index, null, finish)], null);
        int n = request.Sampling.NumSamples, count = request.Prompts.Count * n;
        if (echoTexts is not null)
            for (int i = 0; i < count; i++) await sse.WriteAsync(Chunk(i, echoTexts[i / n], null));
        await foreach (var piece in live.PiecesAsync(ctx.RequestAborted))
            await sse.WriteAsync(Chunk(piece.Choice, piece.Text, piece.Finish is { } finish ? ApiResults.FinishReason(finish) : null));
        var choices = await live.Result;
        foreach (var c in choices.OrderBy(c => c.PromptIndex * n + c.SampleIndex).Where(c => !live.Closed(c.PromptIndex * n + c.SampleIndex)))
        {
            int index = c.PromptIndex * n + c.SampleIndex;
            await sse.WriteAsync(Chunk(index, live.Rest(index, c.Text), ApiResults.FinishReason(c.Finish)));
        }
        if (includeUsage)
            await sse.WriteAsync(new CompletionResponse(id, created, backend.ModelId, [], ApiResults.Usage(request, choices)));
        await sse.WriteDoneAsync();
    }
}
