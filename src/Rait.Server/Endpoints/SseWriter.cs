using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Rait.Server.Endpoints;

/// <summary>Server-sent events as OpenAI streams them: <c>data: JSON</c> + blank line per event, then <c>data: [DONE]</c>.</summary>
internal sealed class SseWriter
{
    private static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");
    private readonly HttpContext _ctx;

    public SseWriter(HttpContext ctx)
    {
        _ctx = ctx;
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-cache";
    }

    public async Task WriteAsync<T>(T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.Options);
        var body = _ctx.Response.Body;
        await body.WriteAsync("data: "u8.ToArray(), _ctx.RequestAborted);
        await body.WriteAsync(json, _ctx.RequestAborted);
        await body.WriteAsync("\n\n"u8.ToArray(), _ctx.RequestAborted);
        await body.FlushAsync(_ctx.RequestAborted);
    }

    public async Task WriteDoneAsync()
    {
        await _ctx.Response.Body.WriteAsync(Done, _ctx.RequestAborted);
        await _ctx.Response.Body.FlushAsync(_ctx.RequestAborted);
    }
}
