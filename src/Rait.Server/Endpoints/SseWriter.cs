using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Server-sent events as OpenAI streams them: <c>data: JSON</c> + blank line per event, then <c>data: [DONE]</c>.</summary>
internal sealed class SseWriter
{
    private static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");
    private readonly HttpContext _ctx;
    private int _events;

    public SseWriter(HttpContext ctx)
    {
        _ctx = ctx;
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-cache";
    }

    /// <summary>Events written and flushed so far.</summary>
    public int Events => Volatile.Read(ref _events);

    public async Task WriteAsync<T>(T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.Options);
        var body = _ctx.Response.Body;
        await body.WriteAsync("data: "u8.ToArray(), _ctx.RequestAborted);
        await body.WriteAsync(json, _ctx.RequestAborted);
        await body.WriteAsync("\n\n"u8.ToArray(), _ctx.RequestAborted);
        await body.FlushAsync(_ctx.RequestAborted);
        Interlocked.Increment(ref _events);
    }

    public async Task WriteDoneAsync()
    {
        await _ctx.Response.Body.WriteAsync(Done, _ctx.RequestAborted);
        await _ctx.Response.Body.FlushAsync(_ctx.RequestAborted);
    }

    /// <summary>Runs <paramref name="events"/>, then sends [DONE]. Once the response has started a failure can no longer be
    /// an HTTP status, so it is sent as an OpenAI error event before [DONE] instead of cutting the connection.</summary>
    public async Task StreamAsync(Func<Task> events)
    {
        try
        {
            await events();
        }
        catch (Exception e) when (!_ctx.RequestAborted.IsCancellationRequested)
        {
            var body = e is ApiException api ? api.Body : new ErrorBody($"Generation failed: {e.Message}", "server_error", null, null);
            await WriteAsync(new ErrorResponse(body));
        }
        await WriteDoneAsync();
    }
}
