using System.Net;
using System.Text;
using System.Text.Json;
using Rait.Core;
using Rait.Core.Endpoints;
using Rait.Evaluation.Judge;

namespace Rait.Evaluation.Tests.Judge;

public sealed class LlmJudgeTests
{
    /// <summary>Answers each chat request with the reply scripted for the question in its user turn, and records the bodies.</summary>
    private sealed class ScriptedServer(IReadOnlyDictionary<string, string> replies) : HttpMessageHandler
    {
        public List<JsonElement> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(ct)).RootElement.Clone();
            lock (Bodies) Bodies.Add(body);
            var user = body.GetProperty("messages")[1].GetProperty("content").GetString()!;
            var reply = replies.Single(kv => user.Contains(kv.Key, StringComparison.Ordinal)).Value;
            var json = JsonSerializer.Serialize(new
            {
                id = "x", @object = "chat.completion", created = 0, model = "judge",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply }, finish_reason = "stop" } },
            });
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }

    [Fact]
    public async Task JudgeAsync_ScriptedReplies_OneParsedVerdictPerItemInOrder()
    {
        var server = new ScriptedServer(new Dictionary<string, string>
        {
            ["France"] = "CORRECT", ["Peru"] = " wrong.\n", ["Mars"] = "REFUSED", ["Chad"] = "I think it is correct",
        });
        using var http = new HttpClient(server);
        using var client = new OpenAiClient(new OpenAiClientOptions { BaseUrl = "http://judge.invalid/v1", MaxRetries = 0 }, http);
        JudgeItem[] items =
        [
            new("a", "Capital of France?", ["Paris"], "Paris"),
            new("b", "Capital of Peru?", ["Lima"], "Quito"),
            new("c", "Capital of Mars?", [], "I don't know."),
            new("d", "Capital of Chad?", ["N'Djamena"], "N'Djamena"),
        ];

        var verdicts = await new LlmJudge(client, "judge-model", new JudgeOptions()).JudgeAsync(items);

        verdicts.Select(v => v.Id).ShouldBe(["a", "b", "c", "d"]);
        verdicts.Select(v => v.Label).ShouldBe([JudgeLabel.Correct, JudgeLabel.Wrong, JudgeLabel.Refused, JudgeLabel.Unparsed]);
        verdicts[3].Reply.ShouldBe("I think it is correct");
        server.Bodies.Count.ShouldBe(4);
        foreach (var b in server.Bodies)
        {
            b.GetProperty("model").GetString().ShouldBe("judge-model");
            b.GetProperty("temperature").GetDouble().ShouldBe(0);
            b.GetProperty("max_tokens").GetInt32().ShouldBe(8);
            b.GetProperty("messages")[0].GetProperty("content").GetString().ShouldBe(JudgePrompt.Rules);
        }
    }

    [Fact]
    public void Constructor_BadOptionsAndModel_ListsEveryProblem()
    {
        using var client = new OpenAiClient(new OpenAiClientOptions { BaseUrl = "http://judge.invalid/v1" });
        var e = Should.Throw<RaitException>(() => new LlmJudge(client, " ", new JudgeOptions { MaxTokens = 0, Temperature = -1 }));
        e.Message.ShouldContain("judge.max_tokens");
        e.Message.ShouldContain("judge.temperature");
        e.Message.ShouldContain("judge.model");
    }
}
