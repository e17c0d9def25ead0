using System.Text.Json;

namespace Rait.Server.Tests.Support;

/// <summary>Reads server-sent events one at a time from a response that is still arriving.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    // Guards against a hang when a chunk never comes; not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly StreamReader _reader = new(stream);

    /// <summary>The next <c>data:</c> payload; null at the end of the stream.</summary>
    public async Task<string?> NextAsync()
    {
        while (await _reader.ReadLineAsync().WaitAsync(Patience) is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return line["data: ".Length..];
        return null;
    }

    /// <summary>Events up to and including the next chunk whose first choice has non-empty content.</summary>
    public async Task<JsonElement> NextContentAsync()
    {
        while (await NextAsync() is { } data)
        {
            if (data == "[DONE]") break;
            var chunk = JsonDocument.Parse(data).RootElement.Clone();
            if (Content(chunk) is { Length: > 0 }) return chunk;
        }
        throw new InvalidOperationException("the stream ended without content");
    }

    /// <summary>All remaining payloads (the last is [DONE] for a complete stream).</summary>
    public async Task<List<string>> RestAsync()
    {
        var all = new List<string>();
        while (await NextAsync() is { } data) all.Add(data);
        return all;
    }

    public static string? Content(JsonElement chunk) =>
        chunk.GetProperty("choices") is { ValueKind: JsonValueKind.Array } cs && cs.GetArrayLength() > 0
        && cs[0].GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() : null;

    public void Dispose() => _reader.Dispose();
}
