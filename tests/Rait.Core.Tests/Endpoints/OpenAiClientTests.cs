using System.Text.Json;
using Rait.Core.Endpoints;
using Rait.Core.Records;
using Reply = Rait.Core.Tests.Endpoints.FakeOpenAiServer.Reply;

namespace Rait.Core.Tests.Endpoints;

public class OpenAiClientTests
{
    private const string ChatOk = """
        {"id":"c1","object":"chat.completion","choices":[
          {"index":1,"message":{"role":"assistant","content":"Paris"},"finish_reason":"stop","logprobs":null},
          {"index":0,"message":{"role":"assistant","content":"Lyon"},"finish_reason":"length",
           "logprobs":{"content":[{"token":"Ly","logprob":-0.5,"top_logprobs":[{"token":"Ly","logprob":-0.5},{"token":"Pa","logprob":-1.2}]},
                                  {"token":"on","logprob":-0.1,"top_logprobs":[]}]}}]}
        """;

    private static ChatCompletionRequest Chat(int n = 2) => new()
    {
        Model = "m", Messages = [ChatMessage.User("Capital of France?")], N = n, Temperature = 0.7, Seed = 42,
        MaxTokens = 8, LogProbs = true, TopLogProbs = 2,
    };

    private static (OpenAiClient Client, List<TimeSpan> Delays) NewClient(string url, int retries = 5, int concurrency = 4, TimeSpan? timeout = null)
    {
        var delays = new List<TimeSpan>();
        var client = new OpenAiClient(
            new OpenAiClientOptions { BaseUrl = url, ApiKey = "k", MaxRetries = retries, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(30), Concurrency = concurrency, RequestTimeout = timeout ?? TimeSpan.FromSeconds(30) },
            delay: (d, _) => { lock (delays) delays.Add(d); return Task.CompletedTask; });
        return (client, delays);
    }

    [Fact]
    public async Task ChatAsync_429Then500ThenGarbageThenSuccess_RetriesAndParsesChoices()
    {
        using var server = new FakeOpenAiServer(
            new Reply(429, """{"error":{"message":"slow down","type":"rate_limit"}}"""),
            new Reply(500, "internal"),
            new Reply(200, "<html>not json</html>"),
            new Reply(200, ChatOk));
        var (client, delays) = NewClient(server.BaseUrl);
        using var _ = client;

        var choices = await client.ChatAsync(Chat());

        client.Attempts.ShouldBe(4);
        delays.Count.ShouldBe(3);
        for (int i = 0; i < 3; i++)
        {
            delays[i].TotalSeconds.ShouldBeGreaterThanOrEqualTo(Math.Pow(2, i));          // exponential
            delays[i].TotalSeconds.ShouldBeLessThanOrEqualTo(Math.Pow(2, i) * 1.25 + 1e-9); // at most 25 % jitter
        }
        choices.Select(c => c.Text).ShouldBe(["Lyon", "Paris"]);   // ordered by index
        choices[0].LogProbs.Select(t => t.Token).ShouldBe(["Ly", "on"]);
        choices[0].LogProbs[0].Top["Pa"].ShouldBe(-1.2);
        choices[1].LogProbs.ShouldBeEmpty();
        server.Paths.ShouldAllBe(p => p == "/v1/chat/completions");
    }

    [Fact]
    public async Task ChatAsync_RequestBody_CarriesSamplingFields()
    {
        using var server = new FakeOpenAiServer(new Reply(200, ChatOk));
        var (client, _) = NewClient(server.BaseUrl);
        using var __ = client;
        await client.ChatAsync(Chat(n: 3));
        using var doc = JsonDocument.Parse(server.Bodies.Single());
        var r = doc.RootElement;
        r.GetProperty("n").GetInt32().ShouldBe(3);
        r.GetProperty("seed").GetInt64().ShouldBe(42);
        r.GetProperty("temperature").GetDouble().ShouldBe(0.7);
        r.GetProperty("max_tokens").GetInt32().ShouldBe(8);
        r.GetProperty("logprobs").GetBoolean().ShouldBeTrue();
        r.GetProperty("top_logprobs").GetInt32().ShouldBe(2);
        r.GetProperty("messages")[0].GetProperty("role").GetString().ShouldBe("user");
        r.TryGetProperty("stop", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task ChatAsync_RetryAfterLongerThanBackoff_WaitsRetryAfter()
    {
        using var server = new FakeOpenAiServer(new Reply(429, "{}", RetryAfter: "7"), new Reply(200, ChatOk));
        var (client, delays) = NewClient(server.BaseUrl);
        using var _ = client;
        await client.ChatAsync(Chat());
        delays.ShouldHaveSingleItem().ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task ChatAsync_BadRequest_FailsAtOnceWithServerMessage()
    {
        using var server = new FakeOpenAiServer(new Reply(400, """{"error":{"message":"unknown field foo","type":"invalid_request_error","param":null,"code":null}}"""));
        var (client, delays) = NewClient(server.BaseUrl);
        using var _ = client;
        var e = await Should.ThrowAsync<RaitException>(() => client.ChatAsync(Chat()));
        e.Message.ShouldContain("status 400");
        e.Message.ShouldContain("unknown field foo");
        client.Attempts.ShouldBe(1);
        delays.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"object":"error","message":"model overloaded","type":"ServiceUnavailable","param":null,"code":503}""", "model overloaded")]
    [InlineData("""{"error":{"message":"slot unavailable","type":"unavailable_error","code":503}}""", "slot unavailable")]
    [InlineData("upstream connect error", "upstream connect error")]
    public async Task ChatAsync_PersistentServerError_GivesUpWithLastMessage(string body, string expected)
    {
        using var server = new FakeOpenAiServer(new Reply(503, body));
        var (client, delays) = NewClient(server.BaseUrl, retries: 2);
        using var _ = client;
        var e = await Should.ThrowAsync<RaitException>(() => client.ChatAsync(Chat()));
        e.Message.ShouldContain("gave up after 3 attempts");
        e.Message.ShouldContain(expected);
        client.Attempts.ShouldBe(3);
        delays.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ChatAsync_ConnectionRefused_RetriedThenClearError()
    {
        var (client, delays) = NewClient($"http://127.0.0.1:{FakeOpenAiServer.FreePort()}/v1", retries: 1);
        using var _ = client;
        var e = await Should.ThrowAsync<RaitException>(() => client.ChatAsync(Chat()));
        e.Message.ShouldContain("connection failed");
        client.Attempts.ShouldBe(2);
        delays.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ChatAsync_SlowServer_TimesOutAndRetries()
    {
        using var server = new FakeOpenAiServer(new Reply(200, ChatOk, Delay: TimeSpan.FromSeconds(5)), new Reply(200, ChatOk));
        var (client, delays) = NewClient(server.BaseUrl, timeout: TimeSpan.FromMilliseconds(300));
        using var _ = client;
        var choices = await client.ChatAsync(Chat());
        choices.Count.ShouldBe(2);
        client.Attempts.ShouldBe(2);
        delays.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ChatAsync_ManyRequests_NeverExceedsConcurrencyLimit()
    {
        using var server = new FakeOpenAiServer(new Reply(200, ChatOk, Delay: TimeSpan.FromMilliseconds(100)));
        var (client, _) = NewClient(server.BaseUrl, concurrency: 2);
        using var __ = client;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.ChatAsync(Chat())));
        server.Bodies.Count.ShouldBe(8);
        server.MaxInFlight.ShouldBeLessThanOrEqualTo(2);
        server.MaxInFlight.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task CompleteAsync_EchoWithLogprobs_ParsesNullFirstTokenAndOffsets()
    {
        const string body = """
            {"object":"text_completion","choices":[{"index":0,"text":"Q: x A: Paris","finish_reason":"length",
             "logprobs":{"tokens":["Q",":"," Paris"],"token_logprobs":[null,-0.3,-1.5],
                         "top_logprobs":[null,{":":-0.3},{" Paris":-1.5," Lyon":-2.0}],"text_offset":[0,1,2]}}]}
            """;
        using var server = new FakeOpenAiServer(new Reply(200, body));
        var (client, _) = NewClient(server.BaseUrl);
        using var __ = client;
        var c = (await client.CompleteAsync(new CompletionRequest { Model = "m", Prompt = "Q: x A: Paris", Echo = true, LogProbs = 1, MaxTokens = 1, Temperature = 0 })).Single();
        c.LogProbs.Select(t => t.LogProb).ShouldBe([null, -0.3, -1.5]);
        c.LogProbs[2].Top[" Lyon"].ShouldBe(-2.0);
        c.TextOffsets.ShouldBe([0, 1, 2]);
        server.Paths.Single().ShouldBe("/v1/completions");
        JsonDocument.Parse(server.Bodies.Single()).RootElement.GetProperty("echo").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var e = Should.Throw<RaitException>(() => new OpenAiClient(new OpenAiClientOptions { BaseUrl = "ftp://x", Concurrency = 0, MaxRetries = -1 }));
        e.Message.ShouldContain("endpoint.base_url");
        e.Message.ShouldContain("endpoint.concurrency");
        e.Message.ShouldContain("endpoint.max_retries");
    }
}
