using System.Net;
using System.Net.Sockets;

namespace Rait.Tests;

/// <summary>
/// An HTTP listener on a free 127.0.0.1 port that hands every request to <c>handle</c> on its own task:
/// the transport of the scripted OpenAI-compatible stand-ins the endpoint and probing tests talk to.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handle;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> handle)
    {
        _handle = handle;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(Loop);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    /// <summary>A port nothing listens on right now (also the target of connection-refused tests).</summary>
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
            catch (Exception) { return; } // stopped
            _ = Task.Run(() => _handle(ctx));
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
