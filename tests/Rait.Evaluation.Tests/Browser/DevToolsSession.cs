using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rait.Evaluation.Tests.Browser;

/// <summary>
/// A Chrome DevTools protocol connection to one page target: commands are JSON messages with an id,
/// answered by a message with the same id; everything without an id is an event, kept for inspection.
/// </summary>
internal sealed class DevToolsSession : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<DevToolsEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _receiveLoop = Task.CompletedTask;
    private int _nextId;

    public static async Task<DevToolsSession> ConnectAsync(Uri pageSocket)
    {
        var session = new DevToolsSession();
        // Screenshots arrive as one base64 message of several MB.
        session._socket.Options.SetBuffer(1 << 20, 1 << 16);
        await session._socket.ConnectAsync(pageSocket, CancellationToken.None);
        session._receiveLoop = Task.Run(session.ReceiveLoopAsync);
        return session;
    }

    /// <summary>Events received so far, in arrival order.</summary>
    public IReadOnlyList<DevToolsEvent> Events
    {
        get { lock (_events) return _events.ToList(); }
    }

    public void ClearEvents()
    {
        lock (_events) _events.Clear();
    }

    /// <summary>Sends one command and returns its result object.</summary>
    /// <exception cref="InvalidOperationException">The browser answered with an error or not at all.</exception>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        var answer = await reply.Task.WaitAsync(CommandTimeout);
        if (answer.TryGetProperty("error", out var error))
            throw new InvalidOperationException($"DevTools {method} failed: {error}");
        return answer.GetProperty("result");
    }

    /// <summary>Waits until an event named <paramref name="method"/> has arrived (already or later).</summary>
    public async Task WaitForEventAsync(string method)
    {
        using var timeout = new CancellationTokenSource(CommandTimeout);
        while (!Events.Any(e => e.Method == method))
        {
            if (_receiveLoop.IsCompleted) throw new InvalidOperationException($"DevTools connection closed while waiting for {method}.");
            await Task.Delay(25, timeout.Token);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
        {
            WebSocketReceiveResult part;
            try
            {
                part = await _socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                break;
            }
            if (part.MessageType == WebSocketMessageType.Close) break;
            message.Write(buffer, 0, part.Count);
            if (!part.EndOfMessage) continue;
            Dispatch(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
            message.SetLength(0);
        }
        foreach (var waiting in _pending.Values)
            waiting.TrySetException(new InvalidOperationException("DevTools connection closed."));
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id))
        {
            if (_pending.TryRemove(id.GetInt32(), out var reply)) reply.TrySetResult(message);
            return;
        }
        var parameters = message.TryGetProperty("params", out var p) ? p : default;
        lock (_events) _events.Add(new DevToolsEvent(message.GetProperty("method").GetString()!, parameters));
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token); }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { /* the browser may already be gone */ }
        }
        await _stop.CancelAsync();
        await _receiveLoop;
        _socket.Dispose();
        _stop.Dispose();
    }
}
