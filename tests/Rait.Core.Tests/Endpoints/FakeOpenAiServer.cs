using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rait.Core.Tests.Endpoints;

/// <summary>A scripted HTTP server on 127.0.0.1: each request takes the next reply from the queue
/// (the last one repeats), records the body and tracks how many requests were in flight at once.</summary>
internal sealed class FakeOpenAiServer : IDisposable
{
    public sealed record Reply(int Status, string Body, TimeSpan Delay = default, string? RetryAfter = null);

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Reply> _replies;
    private readonly Reply _last;
    private readonly Task _loop;
    private int _inFlight;

    public FakeOpenAiServer(params Reply[] replies)
    {
        _replies = new ConcurrentQueue<Reply>(replies);
        _last = replies[^1];
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";
    public ConcurrentBag<string> Bodies { get; } = [];
    public ConcurrentBag<string> Paths { get; } = [];
    public int MaxInFlight;

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => Handle(ctx));
        }
    }

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

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
