using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Writes JSON responses and OpenAI-shaped errors.</summary>
internal static class ApiResults
{
    public static async Task WriteJsonAsync<T>(HttpContext ctx, T value, int status = StatusCodes.Status200OK)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, value, ApiJson.Options, ctx.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext ctx, int status, ErrorBody error) =>
        WriteJsonAsync(ctx, new ErrorResponse(error), status);

    public static long UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string FinishReason(Rait.Model.Generation.FinishReason f) =>
        f == Rait.Model.Generation.FinishReason.Stop ? "stop" : "length";

    /// <summary>Token counts of a request: all its prompts, all generated tokens of its choices.</summary>
    public static Usage Usage(GenerationRequest request, IReadOnlyList<GeneratedChoice> choices) =>
        new(request.Prompts.Sum(p => p.Count), choices.Sum(c => c.TokenIds.Count));

    public static IReadOnlyList<int> Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s).Select(b => (int)b).ToArray();
}
