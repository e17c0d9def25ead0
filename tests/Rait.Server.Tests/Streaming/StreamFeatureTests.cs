using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests.Streaming;

/// <summary>Streamed log-probs, errors after the stream started, vLLM sampling fields, the default max_tokens and CORS,
/// against the fake backend.</summary>
public sealed class StreamFeatureTests
{
    private static HttpRequestMessage Post(string path, string body, string? origin = null)
    {
        var m = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.Key);
        if (origin is not null) m.Headers.Add("Origin", origin);
        return m;
    }

    private static List<JsonElement> Parse(IEnumerable<string> payloads) =>
        payloads.Where(p => p != "[DONE]").Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();

    [Fact]
    public async Task ChatStream_WithLogprobs_FirstTokenAndItsLogprobsArriveWhileGenerationIsHeld()
    {
        using var backend = new FakeBackend(answer: "Hey");
        await using var server = await TestServer.StartAsync(backend);
        backend.MidGate.Reset();

        using var response = await server.Http.SendAsync(Post("/v1/chat/completions",
            """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "stream": true, "logprobs": true, "top_logprobs": 2}"""),
            HttpCompletionOption.ResponseHeadersRead);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var first = await sse.NextContentAsync();

        // The first token comes with its log-prob and 2 alternatives before the engine may go on
        backend.Finished.ShouldBe(0);
        var lp = first.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content");
        lp.GetArrayLength().ShouldBe(1);
        lp[0].GetProperty("token").GetString().ShouldBe("H");
        lp[0].GetProperty("top_logprobs").GetArrayLength().ShouldBe(2);
        backend.MidGate.Set();
        var rest = Parse(await sse.RestAsync());
        var tokens = rest.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Where(c => c.GetProperty("logprobs").ValueKind == JsonValueKind.Object)
            .SelectMany(c => c.GetProperty("logprobs").GetProperty("content").EnumerateArray()).Select(t => t.GetProperty("token").GetString());
        string.Concat(tokens).ShouldBe("ey");
    }

    [Fact]
    public async Task CompletionStream_WithLogprobs_ChunksCarryTheirTokens()
    {
        using var backend = new FakeBackend(answer: "abc");
        await using var server = await TestServer.StartAsync(backend);

        using var response = await server.Http.SendAsync(Post("/v1/completions",
            """{"model": "fake-model", "prompt": "hi", "stream": true, "logprobs": 1, "max_tokens": 8}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var chunks = Parse(await sse.RestAsync());

        var lps = chunks.Select(c => c.GetProperty("choices")[0].GetProperty("logprobs")).Where(l => l.ValueKind == JsonValueKind.Object).ToList();
        string.Concat(lps.SelectMany(l => l.GetProperty("tokens").EnumerateArray()).Select(t => t.GetString())).ShouldBe("abc");
        lps.SelectMany(l => l.GetProperty("text_offset").EnumerateArray()).Select(o => o.GetInt32()).ShouldBe([0, 1, 2]);
    }

    [Fact]
    public async Task Stream_EngineFailsAfterFirstToken_ErrorEventThenDone()
    {
        using var backend = new FakeBackend(answer: "Hello") { FailAfterFirstStep = true };
        await using var server = await TestServer.StartAsync(backend);

        using var response = await server.Http.SendAsync(Post("/v1/chat/completions",
            """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "stream": true}"""), HttpCompletionOption.ResponseHeadersRead);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var rest = await sse.RestAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        rest[^1].ShouldBe("[DONE]");
        var error = JsonDocument.Parse(rest[^2]).RootElement.GetProperty("error");
        error.GetProperty("message").GetString()!.ShouldContain("mid-generation");
        error.GetProperty("type").GetString().ShouldBe("server_error");
    }

    [Fact]
    public async Task Chat_VllmFieldsAndNoMaxTokens_ReachTheEngine()
    {
        using var backend = new FakeBackend(contextLength: 64);
        await using var server = await TestServer.StartAsync(backend, new ServeOptions { DefaultMaxTokens = 5 });

        var (status, _) = await server.PostJsonAsync("/v1/chat/completions",
            """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "top_k": 7, "min_p": 0.1, "repetition_penalty": 1.3}""");
        var (status2, _) = await server.PostJsonAsync("/v1/chat/completions",
            """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "top_k": -1, "tools": null}""");

        status.ShouldBe(200);
        status2.ShouldBe(200);
        var o = backend.Requests[0].Sampling;
        (o.TopK, o.MinP, o.RepetitionPenalty, o.MaxNewTokens).ShouldBe((7, 0.1, 1.3, 5));
        backend.Requests[1].Sampling.TopK.ShouldBe(0);
    }

    [Fact]
    public async Task Cors_AllowedOrigin_PreflightWithoutKeyAndHeadersOnResponses()
    {
        using var backend = new FakeBackend();
        await using var server = await TestServer.StartAsync(backend, new ServeOptions { CorsOrigins = ["http://ui.example:3000"] });
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.Address) };

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/chat/completions");
        preflight.Headers.Add("Origin", "http://ui.example:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var pre = await anonymous.SendAsync(preflight);
        using var allowed = await server.Http.SendAsync(Post("/v1/completions", """{"model": "fake-model", "prompt": "hi"}""", "http://ui.example:3000"));
        using var other = await server.Http.SendAsync(Post("/v1/completions", """{"model": "fake-model", "prompt": "hi"}""", "http://evil.example"));

        pre.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        pre.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["http://ui.example:3000"]);
        pre.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain("Authorization");
        allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["http://ui.example:3000"]);
        other.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public void ServeOptions_BadCorsOrigin_NamedInError()
    {
        new ServeOptions { CorsOrigins = ["ui.example"] }.Validate().ShouldContain(e => e.StartsWith("cors_origins"));
    }
}
