namespace Rait.Server;

/// <summary>The engine's request queue is at capacity; the client should retry after a short wait (HTTP 429).</summary>
public sealed class QueueFullException(int capacity)
    : Exception($"The server is busy: {capacity} requests are already waiting. Retry shortly.")
{
    public int Capacity { get; } = capacity;
}
