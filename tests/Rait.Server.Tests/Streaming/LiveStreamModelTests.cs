using System.Text.Json;
using Rait.Core.Records;
using Rait.Model.Generation;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests.Streaming;

/// <summary>Live streaming and seeded batching on the real TinyStories model.</summary>
public sealed class LiveStreamModelTests(TinyStoriesServer fx) : IClassFixture<TinyStoriesServer>
{
    private const string Prompt = "Once upon a time";

    private string Chat(string extra) =>
        $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": "{{Prompt}}"}], "max_tokens": 40{{extra}}}""";

    [Theory]
    [InlineData(", \"temperature\": 0")]
    [InlineData(", \"temperature\": 1, \"top_p\": 0.9, \"seed\": 7, \"n\": 3, \"stop\": [\" the\", \"ed \"]")]
    public async Task ChatStream_SameRequest_ConcatenatesToTheNonStreamedText(string options)
    {
        // Given the non-streamed answer
        var (status, whole) = await fx.Server.PostJsonAsync("/v1/chat/completions", Chat(options));
        status.ShouldBe(200);
        var expected = whole.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("message").GetProperty("content").GetString()).ToList();
        var finishes = whole.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("finish_reason").GetString()).ToList();

        // When the same request is streamed
        using var response = await fx.Server.PostAsync("/v1/chat/completions", Chat(options + ", \"stream\": true, \"stream_options\": {\"include_usage\": true}"));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        // Then every choice's deltas concatenate to its text, with the same finish reason and token count
        events[^1].ShouldBe("data: [DONE]");
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone()).ToList();
        var texts = expected.Select(_ => "").ToArray();
        var streamedFinish = new string?[expected.Count];
        foreach (var c in chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray()))
        {
            int i = c.GetProperty("index").GetInt32();
            if (c.GetProperty("delta").TryGetProperty("content", out var content)) texts[i] += content.GetString();
            streamedFinish[i] ??= c.GetProperty("finish_reason").GetString();
        }
        texts.ShouldBe(expected);
        streamedFinish.ShouldBe(finishes);
        chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32()
            .ShouldBe(whole.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        if (expected.Count > 1) expected.Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task SeededRequest_AloneOrBatchedWithOtherRequests_SameText()
    {
        var backend = fx.Backend;
        var prompt = fx.Lm.EncodePrompt([ChatMessage.User(Prompt)]);
        var other = fx.Lm.EncodePrompt([ChatMessage.User("The dog")]);
        var sampling = new SamplingOptions { Temperature = 1, TopP = 0.95, MaxNewTokens = 24, NumSamples = 2 };
        GenerationRequest Request(IReadOnlyList<int> p, long? seed) => new([p], sampling, seed, LogprobRequest.None);
        static string Texts(IReadOnlyList<GeneratedChoice> cs) => string.Join(" | ", cs.Select(c => c.Text));

        // Given the seeded request served alone
        var alone = Texts(await backend.GenerateAsync(Request(prompt, 42), CancellationToken.None));

        // When it is queued behind a request that holds the engine, between other seeded and unseeded requests
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocker = backend.GenerateAsync(new GenerationRequest([prompt], new SamplingOptions { Temperature = 0, MaxNewTokens = 2 }, null,
            LogprobRequest.None) { OnToken = (_, _, _, _) => { running.Set(); release.Wait(); } }, CancellationToken.None);
        running.Wait(TimeSpan.FromMinutes(2)).ShouldBeTrue();
        var mates = new[] { backend.GenerateAsync(Request(other, 1), CancellationToken.None), backend.GenerateAsync(Request(prompt, null), CancellationToken.None) };
        var batched = backend.GenerateAsync(Request(prompt, 42), CancellationToken.None);
        var last = backend.GenerateAsync(Request(other, null), CancellationToken.None);
        backend.QueueDepth.ShouldBe(4);
        release.Set();
        await Task.WhenAll(mates.Append(batched).Append(last).Append(blocker));

        // Then all four decoded together (4 × 2 rows in one batch) and the seeded request's text did not change
        backend.Stats.PeakRows.ShouldBeGreaterThanOrEqualTo(8);
        Texts(await batched).ShouldBe(alone);
        Texts(await mates[0]).ShouldNotBe(alone);
    }
}
