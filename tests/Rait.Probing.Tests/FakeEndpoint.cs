using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Tests;

namespace Rait.Probing.Tests;

/// <summary>
/// An OpenAI-compatible stand-in on 127.0.0.1: greedy chat requests answer "Paris" with log-probs,
/// sampled ones alternate Paris / Lyon / "I don't know"; a one-token completion returns fixed letter
/// log-probs. After <see cref="FailAfter"/> requests every answer is a 500.
/// </summary>
internal sealed class FakeEndpoint : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private int _requests;

    /// <param name="singleChoice">Answer every request with one choice, as llama.cpp does whatever n is.</param>
    public FakeEndpoint(int failAfter = int.MaxValue, bool singleChoice = false)
    {
        FailAfter = failAfter;
        SingleChoice = singleChoice;
        _server = new LoopbackHttpServer(Handle);
    }

    public string BaseUrl => _server.BaseUrl;
    public int FailAfter { get; }
    public bool SingleChoice { get; }
    public System.Collections.Concurrent.ConcurrentBag<long> Seeds { get; } = [];
    public int Requests => _requests;

    private async Task Handle(HttpListenerContext ctx)
    {
        string body;
        using (var r = new StreamReader(ctx.Request.InputStream)) body = await r.ReadToEndAsync();
        var req = JsonNode.Parse(body)!;
        string reply;
        if (Interlocked.Increment(ref _requests) > FailAfter)
        {
            ctx.Response.StatusCode = 500;
            reply = """{"error":{"message":"backend crashed","type":"server_error"}}""";
        }
        else reply = ctx.Request.Url!.AbsolutePath.EndsWith("chat/completions") ? Chat(req, SingleChoice) : Completion(req);
        if (req["seed"] is { } seed) Seeds.Add(seed.GetValue<long>());
        var bytes = Encoding.UTF8.GetBytes(reply);
        await ctx.Response.OutputStream.WriteAsync(bytes);
        ctx.Response.Close();
    }

    private static string Chat(JsonNode req, bool single)
    {
        int n = single ? 1 : req["n"]?.GetValue<int>() ?? 1;
        bool greedy = req["temperature"]!.GetValue<double>() == 0;
        string[] cycle = ["Paris", "Lyon", "I don't know", "Paris, France"];
        var choices = Enumerable.Range(0, n).Select(i => new
        {
            index = i,
            message = new { role = "assistant", content = greedy ? "Paris" : cycle[i % cycle.Length] },
            finish_reason = "stop",
            logprobs = greedy ? new { content = new[] { new { token = "Par", logprob = -0.1 }, new { token = "is", logprob = -0.3 } } } : null,
        });
        return JsonSerializer.Serialize(new { id = "x", @object = "chat.completion", choices });
    }

    private static string Completion(JsonNode req)
    {
        var top = new Dictionary<string, double> { [" A"] = Math.Log(0.6), [" B"] = Math.Log(0.2), ["C"] = Math.Log(0.1), [" the"] = Math.Log(0.05) };
        var choice = new { index = 0, text = " A", finish_reason = "length", logprobs = new { tokens = new[] { " A" }, token_logprobs = new[] { Math.Log(0.6) }, top_logprobs = new[] { top } } };
        return JsonSerializer.Serialize(new { @object = "text_completion", choices = new[] { choice } });
    }

    public void Dispose() => _server.Dispose();
}
