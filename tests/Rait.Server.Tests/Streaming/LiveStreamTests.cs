using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests.Streaming;

/// <summary>Live SSE streaming against a fake backend whose engine thread can be held after its first decode step.</summary>
public sealed class LiveStreamTests
{
    private static HttpRequestMessage Post(string path, string body)
    {
        var m = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.Key);
        return m;
    }

    private static string Chat(string extra) =>
        $$"""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "stream": true, "max_tokens": 40{{extra}}}""";

    /// <summary>Content per choice index, and finish reasons, of chat chunks.</summary>
    private static (Dictionary<int, string> Text, Dictionary<int, string> Finish, List<(int Index, string Content)> Order) Collect(IEnumerable<JsonElement> chunks)
    {
        var text = new Dictionary<int, string>();
        var finish = new Dictionary<int, string>();
        var order = new List<(int, string)>();
        foreach (var chunk in chunks)
            foreach (var c in chunk.GetProperty("choices").EnumerateArray())
            {
                int i = c.GetProperty("index").GetInt32();
                if (c.GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } s)
                {
                    text[i] = text.GetValueOrDefault(i, "") + s;
                    order.Add((i, s));
                }
                if (c.GetProperty("finish_reason").GetString() is { } f) finish[i] = f;
            }
        return (text, finish, order);
    }

    private static List<JsonElement> Parse(IEnumerable<string> payloads) =>
        payloads.Where(p => p != "[DONE]").Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();

    [Fact]
    public async Task ChatStream_EngineHeldAfterFirstStep_FirstContentChunkArrivesBeforeGenerationFinishes()
    {
        // Given an engine that hands out the first token, then waits
        using var backend = new FakeBackend(answer: "Hello world");
        await using var server = await TestServer.StartAsync(backend);
        backend.MidGate.Reset();

        // When a client streams a chat completion
        using var response = await server.Http.SendAsync(Post("/v1/chat/completions", Chat(", \"stream_options\": {\"include_usage\": true}")),
            HttpCompletionOption.ResponseHeadersRead);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var first = await sse.NextContentAsync();

        // Then the first piece is there while the generation is still held; the rest follows once it may finish
        SseReader.Content(first).ShouldBe("H");
        backend.Finished.ShouldBe(0);
        backend.MidGate.Set();
        var rest = await sse.RestAsync();
        rest[^1].ShouldBe("[DONE]");
        var chunks = Parse(rest);
        var (text, finish, _) = Collect(chunks);
        ("H" + text[0]).ShouldBe("Hello world");
        finish[0].ShouldBe("stop");
        chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(11);
        backend.Finished.ShouldBe(1);
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/completions")]
    public async Task Stream_ChoiceEndsWhileBatchIsHeld_FinishChunkArrivesBeforeTheBatchEnds(string path)
    {
        // Given an engine that hands out the first decode step, then waits, and a request that ends after one token
        using var backend = new FakeBackend(answer: "Hello world");
        await using var server = await TestServer.StartAsync(backend);
        backend.MidGate.Reset();
        var body = path.EndsWith("chat/completions")
            ? Chat("").Replace("\"max_tokens\": 40", "\"max_tokens\": 1")
            : """{"model": "fake-model", "prompt": "hi", "stream": true, "max_tokens": 1}""";

        // When the client reads the stream up to the first finish reason
        using var response = await server.Http.SendAsync(Post(path, body), HttpCompletionOption.ResponseHeadersRead);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var seen = new List<JsonElement>();
        string? finish = null;
        while (finish is null)
        {
            // A server that held the finish chunk until the batch ends would never send it here: fail instead of hanging.
            var payload = await sse.NextAsync().WaitAsync(TimeSpan.FromSeconds(60))
                ?? throw new InvalidOperationException("stream ended without a finish reason");
            var chunk = JsonDocument.Parse(payload).RootElement.Clone();
            seen.Add(chunk);
            finish = chunk.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("finish_reason").GetString()).FirstOrDefault(f => f is not null);
        }

        // Then it came while the batch was still held, with the choice's whole text before it
        finish.ShouldBe("length");
        backend.Finished.ShouldBe(0);
        string Text(JsonElement c) => c.TryGetProperty("text", out var t) ? t.GetString() ?? ""
            : c.GetProperty("delta").TryGetProperty("content", out var d) ? d.GetString() ?? "" : "";
        string.Concat(seen.SelectMany(c => c.GetProperty("choices").EnumerateArray()).Select(Text)).ShouldBe("H");
        // and once the batch ends, no second finish chunk follows: only [DONE]
        backend.MidGate.Set();
        (await sse.RestAsync()).ShouldBe(["[DONE]"]);
    }

    [Fact]
    public async Task ChatStream_TwoChoices_InterleavedByIndexAndStopStringSplitAcrossTokensNeverSent()
    {
        // Given n = 2 and a stop string whose first letters also start an earlier word ("tw" of "two")
        using var backend = new FakeBackend(answer: "one two twelve three");
        await using var server = await TestServer.StartAsync(backend);
        backend.MidGate.Reset();
        var body = Chat(", \"n\": 2, \"stop\": [\"twelve\"]");

        // When both choices' first pieces are read while the engine is held, then the rest
        using var response = await server.Http.SendAsync(Post("/v1/chat/completions", body), HttpCompletionOption.ResponseHeadersRead);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var early = new List<JsonElement>();
        while (Collect(early).Text.Count < 2) early.Add(await sse.NextContentAsync());
        backend.MidGate.Set();
        var (text, finish, order) = Collect(early.Concat(Parse(await sse.RestAsync())));

        // Then each choice's text is the non-streamed text, cut before the stop, and the choices interleave
        var (status, whole) = await server.PostJsonAsync("/v1/chat/completions", body.Replace("\"stream\": true", "\"stream\": false"));
        status.ShouldBe(200);
        whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString().ShouldBe("one two ");
        text[0].ShouldBe("one two ");
        text[1].ShouldBe("one two ");
        finish.Values.ShouldAllBe(f => f == "stop");
        order.Take(2).Select(o => o.Index).ShouldBe([0, 1]);
        order.Skip(2).ShouldContain(o => o.Index == 0);
        order.ShouldAllBe(o => !o.Content.Contains("twe"));
    }

    [Fact]
    public async Task ChatStream_MultiByteCharactersSplitAcrossByteTokens_ComeOutWhole()
    {
        // Given an answer whose characters take 2, 3 and 4 UTF-8 bytes, one byte per token
        const string Answer = "ü 世界 😀 ok";
        using var backend = new FakeBackend(answer: Answer);
        await using var server = await TestServer.StartAsync(backend);
        backend.MidGate.Reset();

        // When streamed with the engine held after the first byte (half of "ü")
        using var response = await server.Http.SendAsync(Post("/v1/chat/completions", Chat("")), HttpCompletionOption.ResponseHeadersRead);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var role = JsonDocument.Parse((await sse.NextAsync())!).RootElement;
        role.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString().ShouldBe("assistant");
        backend.MidGate.Set();
        var (text, _, order) = Collect(Parse(await sse.RestAsync()));

        // Then no chunk carries a broken character and together they are the answer
        order.ShouldAllBe(o => !o.Content.Contains('\uFFFD'));
        text[0].ShouldBe(Answer);
    }

    [Fact]
    public async Task ChatStream_ClientDisconnects_CancelsTheGeneration()
    {
        using var backend = new FakeBackend(answer: "Hello world");
        await using var server = await TestServer.StartAsync(backend);
        backend.MidGate.Reset();
        var response = await server.Http.SendAsync(Post("/v1/chat/completions", Chat("")), HttpCompletionOption.ResponseHeadersRead);
        var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        await sse.NextContentAsync();

        // When the client goes away mid-stream (the engine is still held)
        sse.Dispose();
        response.Dispose();

        // Then the engine's wait is cancelled and the generation never finishes
        await WaitUntil(() => backend.Cancelled == 1);
        backend.Finished.ShouldBe(0);
    }

    [Fact]
    public async Task CompletionsStream_EchoAndTwoPrompts_LiveTextPerIndexMatchesNonStreamed()
    {
        using var backend = new FakeBackend(answer: "abc. def");
        await using var server = await TestServer.StartAsync(backend);
        const string Body = """{"model": "fake-model", "prompt": ["x", "y"], "n": 2, "echo": true, "stop": ["."], "max_tokens": 20, "stream": true}""";
        using var response = await server.PostAsync("/v1/completions", Body);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events[^1].ShouldBe("data: [DONE]");
        var texts = new Dictionary<int, string>();
        var finish = new Dictionary<int, string>();
        foreach (var e in events[..^1])
            foreach (var c in JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("choices").EnumerateArray())
            {
                int i = c.GetProperty("index").GetInt32();
                texts[i] = texts.GetValueOrDefault(i, "") + c.GetProperty("text").GetString();
                if (c.GetProperty("finish_reason").GetString() is { } f) finish[i] = f;
            }
        texts.Keys.Order().ShouldBe([0, 1, 2, 3]);
        texts[0].ShouldBe("xabc");
        texts[3].ShouldBe("yabc");
        finish.Values.ShouldAllBe(f => f == "stop");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 2000 && !condition(); i++) await Task.Delay(10);
        condition().ShouldBeTrue();
    }
}
