using System.Net;
using System.Text.Json;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests;

public sealed class ErrorResponseTests : IAsyncLifetime
{
    private readonly FakeBackend _backend = new(contextLength: 64);
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(_backend, new ServeOptions { MaxBodyBytes = 4096 });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _backend.Dispose();
    }

    private static void ShouldBeOpenAiError(JsonElement json, string? param = null)
    {
        var error = json.GetProperty("error");
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        error.GetProperty("type").GetString().ShouldNotBeNullOrWhiteSpace();
        error.TryGetProperty("param", out _).ShouldBeTrue();
        error.TryGetProperty("code", out _).ShouldBeTrue();
        if (param is not null) error.GetProperty("param").GetString().ShouldBe(param);
    }

    [Theory]
    [InlineData("{", null)]
    [InlineData("[]", null)]
    [InlineData("null", null)]
    [InlineData("""{"model": "fake-model", "messages": "hi"}""", "messages")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": 5}]}""", "messages[0].content")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "temperature": "hot"}""", "temperature")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "temperature": 3}""", "temperature")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "n": 1.5}""", "n")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "stop": ["a","b","c","d","e"]}""", "stop")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "top_logprobs": 3}""", "top_logprobs")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "logprobs": true, "top_logprobs": 21}""", "top_logprobs")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "wizard", "content": "hi"}]}""", "messages[0].role")]
    [InlineData("""{"model": "fake-model", "messages": []}""", "messages")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "f"}}]}""", "tools")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "tool_choice": "auto"}""", "tool_choice")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "response_format": {"type": "json_object"}}""", "response_format")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "top_k": -2}""", "top_k")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "min_p": 1.5}""", "min_p")]
    [InlineData("""{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "repetition_penalty": 0}""", "repetition_penalty")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}]}""", "model")]
    public async Task ChatCompletions_BadBody_Returns400WithParam(string body, string? param)
    {
        var (status, json) = await _server.PostJsonAsync("/v1/chat/completions", body);
        status.ShouldBe(400);
        ShouldBeOpenAiError(json, param);
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_Returns404()
    {
        var (status, json) = await _server.PostJsonAsync("/v1/chat/completions", """{"model": "gpt-9", "messages": [{"role": "user", "content": "hi"}]}""");
        status.ShouldBe(404);
        ShouldBeOpenAiError(json, "model");
        json.GetProperty("error").GetProperty("code").GetString().ShouldBe("model_not_found");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic dGVzdC1rZXk=")]
    public async Task Models_MissingOrWrongKey_Returns401(string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        using var client = new HttpClient { BaseAddress = new Uri(_server.Address) };
        if (header is not null) request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ShouldBeOpenAiError(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task Health_WithoutKey_IsOpen()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_server.Address) };
        var json = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
        json.GetProperty("status").GetString().ShouldBe("ok");
        json.GetProperty("model").GetString().ShouldBe("fake-model");
    }

    [Fact]
    public async Task Models_WithKey_ListsTheModel()
    {
        var json = JsonDocument.Parse(await _server.Http.GetStringAsync("/v1/models")).RootElement;
        json.GetProperty("object").GetString().ShouldBe("list");
        var card = json.GetProperty("data")[0];
        card.GetProperty("id").GetString().ShouldBe("fake-model");
        card.GetProperty("object").GetString().ShouldBe("model");
        card.GetProperty("max_model_len").GetInt32().ShouldBe(64);
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimit_Returns413()
    {
        var body = $$"""{"model": "fake-model", "messages": [{"role": "user", "content": "{{new string('a', 5000)}}"}]}""";
        var (status, json) = await _server.PostJsonAsync("/v1/chat/completions", body);
        status.ShouldBe(413);
        ShouldBeOpenAiError(json);
    }

    [Fact]
    public async Task ChatCompletions_MaxTokensOverContext_Returns400()
    {
        var (status, json) = await _server.PostJsonAsync("/v1/chat/completions",
            """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 60}""");
        status.ShouldBe(400);
        ShouldBeOpenAiError(json, "max_tokens");
        json.GetProperty("error").GetProperty("code").GetString().ShouldBe("context_length_exceeded");
        _backend.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Completions_TokenIdOutsideVocabulary_Returns400()
    {
        var (status, json) = await _server.PostJsonAsync("/v1/completions", """{"model": "fake-model", "prompt": [1, 2, 999]}""");
        status.ShouldBe(400);
        ShouldBeOpenAiError(json, "prompt");
    }

    [Theory]
    [InlineData("""{"model": "fake-model", "prompt": "x", "logprobs": 6}""", "logprobs")]
    [InlineData("""{"model": "fake-model", "prompt": "x", "max_tokens": 0}""", "max_tokens")]
    [InlineData("""{"model": "fake-model", "prompt": "x", "suffix": "y"}""", "suffix")]
    [InlineData("""{"model": "fake-model", "prompt": [1, "a"]}""", "prompt")]
    [InlineData("""{"model": "fake-model", "prompt": ""}""", "prompt")]
    public async Task Completions_BadBody_Returns400(string body, string param)
    {
        var (status, json) = await _server.PostJsonAsync("/v1/completions", body);
        status.ShouldBe(400);
        ShouldBeOpenAiError(json, param);
    }

    [Fact]
    public async Task UnknownRoute_Returns404InErrorShape()
    {
        var (status, json) = await _server.PostJsonAsync("/v1/embeddings", "{}");
        status.ShouldBe(404);
        ShouldBeOpenAiError(json);
    }
}
