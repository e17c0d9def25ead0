using Rait.Core;
using Rait.Core.Endpoints;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Probing.Backends;
using Rait.Tests;

namespace Rait.Probing.Tests;

public class EndpointBackendTests
{
    private static QaItem Capital(string id) => new() { Id = id, Question = "Capital of France?", Answers = ["Paris"] };

    private static EndpointBackend Backend(FakeEndpoint server) =>
        new(new OpenAiClient(new OpenAiClientOptions { BaseUrl = server.BaseUrl, MaxRetries = 1, Concurrency = 2 }, delay: (_, _) => Task.CompletedTask),
            server.BaseUrl, "fake-model");

    [Fact]
    public async Task RunAsync_ChatEndpoint_ScoresSamplesAndGreedy()
    {
        using var server = new FakeEndpoint();
        var dir = RepoPaths.NewTempDir();
        var data = Path.Combine(dir, "d.jsonl");
        File.WriteAllLines(data, [Jsonl.Serialize(Capital("c0")), Jsonl.Serialize(TinyModelFixture.ChoiceItems()[0])]);
        using var backend = Backend(server);
        var config = new ProbeConfig { Samples = 4, Certainty = CertaintyMethod.AnswerLogprob };
        var result = await new KnowledgeProber(backend, config).RunAsync(data, Path.Combine(dir, "o.jsonl"));

        var open = result.Rows[0];
        open.Samples.ShouldBe(["Paris", "Lyon", "I don't know", "Paris, France"]);
        open.SampleCorrect.ShouldBe([true, false, false, true]);   // the refusal is never correct
        open.Mu.ShouldBe(0.5);
        open.GreedyAnswer.ShouldBe("Paris");
        open.Sigma.ShouldBe(Math.Exp(-0.2), 1e-6);                // geometric mean of the greedy token probabilities
        open.ModelFingerprint.ShouldStartWith("endpoint-");

        var mc = result.Rows[1];
        mc.LetterProbs.ShouldBe([0.6, 0.2, 0.1, 0.0], tolerance: 1e-9);   // "C" without a space is accepted, D is outside the top 5
        mc.Mu.ShouldBe(0.6 / 0.9, 1e-9);
        mc.GreedyAnswer.ShouldBe("A");
    }

    [Fact]
    public async Task RunAsync_EndpointFailsMidway_ClearErrorAndFinishedBatchesKept()
    {
        // Each open question costs 2 requests (greedy + samples): the first batch of 2 succeeds, the second fails.
        using var server = new FakeEndpoint(failAfter: 4);
        var dir = RepoPaths.NewTempDir();
        var data = Path.Combine(dir, "d.jsonl");
        Jsonl.Write(data, Enumerable.Range(0, 5).Select(i => Capital($"c{i}")));
        var outPath = Path.Combine(dir, "o.jsonl");
        using var backend = Backend(server);
        var prober = new KnowledgeProber(backend, new ProbeConfig { Samples = 2, BatchSize = 2 });

        var e = await Should.ThrowAsync<RaitException>(() => prober.RunAsync(data, outPath));
        e.Message.ShouldContain("backend crashed");
        e.Message.ShouldContain("gave up after 2 attempts");
        Jsonl.Read<ProbeRecord>(outPath).Select(r => r.Id).ShouldBe(["c0", "c1"]);
    }

    [Fact]
    public async Task GenerateAsync_ServerReturnsOneChoice_FetchesMissingSamplesWithOwnSeeds()
    {
        using var server = new FakeEndpoint(singleChoice: true);
        using var backend = Backend(server);
        var q = new OpenQuery([Core.Records.ChatMessage.User("Capital of France?")], "", 99);
        var gen = (await backend.GenerateAsync([q], new OpenSampling(4, 1.0, 1.0, 8, [], Chat: true), CancellationToken.None)).Single();
        gen.Samples.Count.ShouldBe(4);
        server.Requests.ShouldBe(1 + 1 + 3);            // greedy, the n=4 request, then 3 single-sample requests
        server.Seeds.Distinct().Count().ShouldBe(4);     // question seed (greedy and n=4 share it) + 3 per-sample seeds
    }
}
