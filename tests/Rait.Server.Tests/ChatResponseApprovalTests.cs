using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Server.Tests.Support;
using Rait.Tests;

namespace Rait.Server.Tests;

/// <summary>The exact JSON of /v1/chat/completions (fake backend; id and created normalized) against an approved file.</summary>
public sealed class ChatResponseApprovalTests : IAsyncLifetime
{
    private readonly FakeBackend _backend = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(_backend);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _backend.Dispose();
    }

    [Theory]
    [InlineData("chat_completion", """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "logprobs": true, "top_logprobs": 2, "n": 2}""")]
    [InlineData("chat_completion_length", """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "max_completion_tokens": 2}""")]
    public async Task ChatCompletions_Response_MatchesApproved(string name, string body)
    {
        using var response = await _server.PostAsync("/v1/chat/completions", body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        json["id"]!.GetValue<string>().ShouldStartWith("chatcmpl-");
        json["created"]!.GetValue<long>().ShouldBeGreaterThan(1_700_000_000);
        json["id"] = "chatcmpl-ID";
        json["created"] = 0;
        var received = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var approved = Path.Combine(RepoPaths.Root, "tests", "Rait.Server.Tests", "Snapshots", name + ".approved.json");
        if (!File.Exists(approved) || File.ReadAllText(approved) != received)
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(approved)!, name + ".received.json"), received);
            File.Exists(approved).ShouldBeTrue($"no approved file yet: review {name}.received.json and rename it to .approved.json");
            received.ShouldBe(File.ReadAllText(approved));
        }
    }
}
