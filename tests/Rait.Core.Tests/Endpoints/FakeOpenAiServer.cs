using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Rait.Tests;

namespace Rait.Core.Tests.Endpoints;

/// <summary>A scripted HTTP server on 127.0.0.1: each request takes the next reply from the queue
/// (the last one repeats), records the body and tracks how many requests were in flight at once.</summary>
internal sealed class FakeOpenAiServer : IDisposable
{
    public sealed record Reply(int Status, string Body, TimeSpan Delay = default, string? RetryAfter = null);

    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentQueue<Reply> _replies;
    private readonly Reply _last;
    private int _inFlight;

    public FakeOpenAiServer(params Reply[] replies)
    {
        _replies = new ConcurrentQueue<Reply>(replies);
        _last = replies[^1];
        _server = new LoopbackHttpServer(Handle);
    }

    public int Port => _server.Port;
    public string BaseUrl => _server.BaseUrl;
    public ConcurrentBag<string> Bodies { get; } = [];
    public ConcurrentBag<string> Paths { get; } = [];
    public int MaxInFlight;

    public static int FreePort() => LoopbackHttpServer.FreePort();

    private async Task Handle(HttpListenerContext ctx)
    {
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = MaxInFlight) < now && Interlocked.CompareExchange(ref MaxInFlight, now, seen) != seen) { }
        try
        {
            using (var r = new StreamReader(ctx.Request.InputStream)) Bodies.Add(await r.ReadToEndAsync());
            Paths.Add(ctx.Request.Url!.AbsolutePath);
            var reply = _replies.TryDequeue(out var next) ? next : _last;
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay);
            ctx.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is not null) ctx.Response.AddHeader("Retry-After", reply.RetryAfter);
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
        catch (Exception) { /* the client gave up on this request (timeout test) */ }
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    public void Dispose() => _server.Dispose();
}
