using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Probing;
using Rait.Probing.Backends;
using Rait.Tests;
using RaitMessage = Rait.Core.Records.ChatMessage;

namespace Rait.Server.Tests.EndToEnd;

/// <summary>The probing stage's endpoint backend against our own server (issue 8): HTTP, auth, n samples, seeds, logprobs.</summary>
public sealed class ProbeEndpointEndToEndTests(EndToEndServer fx) : IClassFixture<EndToEndServer>
{
    private const int Samples = 3, MaxNewTokens = 8;

    [Fact]
    public async Task RunAsync_EndpointBackendOnOurServer_RowsWithMuSamplesAndFingerprint()
    {
        // Given: a greedy reference for the first question, taken from the engine while the server is idle,
        // so that one gold answer is known to be what the model says.
        const string story = "Once upon a time";
        var greedy = fx.GreedyReference([RaitMessage.User(story)], MaxNewTokens).Trim();
        greedy.ShouldNotBeEmpty();
        var dir = RepoPaths.NewTempDir();
        var data = Path.Combine(dir, "qa.jsonl");
        Jsonl.Write(data, new[]
        {
            new QaItem { Id = "e2e-1", Question = story, Answers = [greedy] },
            new QaItem { Id = "e2e-2", Question = "Lily and Tom went to the park.", Answers = ["xylophone-zebra"] },
            new QaItem { Id = "e2e-3", Question = "The little dog was sad because", Answers = ["ball", "toy"] },
        });
        var config = new ProbeConfig
        {
            Samples = Samples, MaxNewTokens = MaxNewTokens, Prompt = PromptStyle.Custom, CustomTemplate = "{question}", FewShot = [], Seed = 7,
        };
        using var client = fx.Client();
        var backend = new EndpointBackend(client, fx.BaseUrl, EndToEndServer.ModelName);

        // When
        var result = await new KnowledgeProber(backend, config).RunAsync(data, Path.Combine(dir, "probe.jsonl"));

        // Then
        var rows = Jsonl.Read<ProbeRecord>(result.JsonlPath);
        rows.Select(r => r.Id).ShouldBe(["e2e-1", "e2e-2", "e2e-3"]);
        foreach (var r in rows)
        {
            r.Kind.ShouldBe(QuestionKind.Open);
            r.Mu.ShouldBeInRange(0, 1);
            r.Samples.Count.ShouldBe(Samples);
            r.SampleCorrect.Count.ShouldBe(Samples);
            r.Mu.ShouldBe(r.SampleCorrect.Count(c => c) / (double)Samples, 1e-12);
            r.ModelFingerprint.ShouldBe(backend.ModelFingerprint);
            r.ModelFingerprint.ShouldStartWith("endpoint-");
            r.PromptFingerprint.ShouldNotBeNullOrEmpty();
        }
        // The greedy request went through the server and came back as the engine's own greedy text.
        rows[0].GreedyAnswer.ShouldNotBeNull().Trim().ShouldBe(greedy);
        rows[0].GreedyCorrect.ShouldBe(true);
        rows[1].GreedyCorrect.ShouldBe(false);
        rows[1].Mu.ShouldBe(0);
        rows.SelectMany(r => r.Samples).ShouldContain(s => s.Length > 0);
        File.Exists(result.SummaryPath).ShouldBeTrue();
        result.Summary.Count.ShouldBe(3);
    }
}
