using System.Text.Json;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests;

/// <summary>Legacy completions on TinyStories: echo + logprobs is what prompt scoring relies on (interop §7.3).</summary>
public sealed class CompletionsTests(TinyStoriesServer fx) : IClassFixture<TinyStoriesServer>
{
    private const string Prompt = "Once upon a time there was a little cat";

    [Fact]
    public async Task Completions_EchoWithLogprobs_PromptLogprobsEqualTheScorer()
    {
        var (status, json) = await fx.Server.PostJsonAsync("/v1/completions",
            $$"""{"model": "{{fx.ModelId}}", "prompt": "{{Prompt}}", "echo": true, "logprobs": 2, "max_tokens": 4, "temperature": 0}""");
        status.ShouldBe(200);
        json.GetProperty("object").GetString().ShouldBe("text_completion");
        var choice = json.GetProperty("choices")[0];
        var text = choice.GetProperty("text").GetString()!;
        text.ShouldStartWith(Prompt);
        var lp = choice.GetProperty("logprobs");
        var tokenLps = lp.GetProperty("token_logprobs").EnumerateArray().ToList();
        var ids = fx.Lm.Tokenizer.Encode(Prompt);
        int completionTokens = json.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        tokenLps.Count.ShouldBe(ids.Count + completionTokens);
        tokenLps[0].ValueKind.ShouldBe(JsonValueKind.Null);
        lp.GetProperty("top_logprobs")[0].ValueKind.ShouldBe(JsonValueKind.Null);

        var scored = fx.Lm.Scorer.Score([(ids.Take(1).ToList(), ids.Skip(1).ToList())]).Single();
        for (int j = 1; j < ids.Count; j++) tokenLps[j].GetSingle().ShouldBe(scored.TokenLogProbs[j - 1], 1e-3);

        var offsets = lp.GetProperty("text_offset").EnumerateArray().Select(e => e.GetInt32()).ToList();
        offsets.ShouldBeInOrder(SortDirection.Ascending);
        offsets[ids.Count].ShouldBe(Prompt.Length);
        var tokens = lp.GetProperty("tokens").EnumerateArray().Select(e => e.GetString()!).ToList();
        for (int j = ids.Count; j < tokens.Count; j++) text[offsets[j]..].ShouldStartWith(tokens[j]);
        // Each position lists the chosen token plus at most logprobs alternatives.
        foreach (var top in lp.GetProperty("top_logprobs").EnumerateArray().Skip(1))
            top.EnumerateObject().Count().ShouldBeInRange(1, 3);
    }

    [Fact]
    public async Task Completions_EchoWithZeroMaxTokens_ScoresWithoutGenerating()
    {
        var (status, json) = await fx.Server.PostJsonAsync("/v1/completions",
            $$"""{"model": "{{fx.ModelId}}", "prompt": ["{{Prompt}}", "One day"], "echo": true, "logprobs": 0, "max_tokens": 0}""");
        status.ShouldBe(200);
        var choices = json.GetProperty("choices").EnumerateArray().ToList();
        choices.Select(c => c.GetProperty("text").GetString()).ShouldBe([Prompt, "One day"]);
        json.GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(0);
        var sum = choices[0].GetProperty("logprobs").GetProperty("token_logprobs").EnumerateArray().Skip(1).Sum(e => e.GetDouble());
        var ids = fx.Lm.Tokenizer.Encode(Prompt);
        sum.ShouldBe(fx.Lm.Scorer.Score([(ids.Take(1).ToList(), ids.Skip(1).ToList())]).Single().Sum, 1e-2);
    }

    [Fact]
    public async Task Completions_TokenIdPrompts_AreAccepted()
    {
        var ids = fx.Lm.Tokenizer.Encode(Prompt);
        var (status, json) = await fx.Server.PostJsonAsync("/v1/completions",
            $$"""{"model": "{{fx.ModelId}}", "prompt": [{{string.Join(",", ids)}}], "max_tokens": 5, "temperature": 0}""");
        status.ShouldBe(200);
        var (_, byText) = await fx.Server.PostJsonAsync("/v1/completions",
            $$"""{"model": "{{fx.ModelId}}", "prompt": "{{Prompt}}", "max_tokens": 5, "temperature": 0}""");
        json.GetProperty("choices")[0].GetProperty("text").GetString().ShouldBe(byText.GetProperty("choices")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Completions_Stream_EndsWithDoneAndMatchesNonStreamed()
    {
        var body = $$"""{"model": "{{fx.ModelId}}", "prompt": "{{Prompt}}", "max_tokens": 6, "temperature": 0, "stream": true, "stream_options": {"include_usage": true} }""";
        using var response = await fx.Server.PostAsync("/v1/completions", body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events[^1].ShouldBe("data: [DONE]");
        events.ShouldAllBe(e => e.StartsWith("data: "));
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        var text = string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray()).Select(c => c.GetProperty("text").GetString()));
        chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBeGreaterThan(0);
        var (_, whole) = await fx.Server.PostJsonAsync("/v1/completions", $$"""{"model": "{{fx.ModelId}}", "prompt": "{{Prompt}}", "max_tokens": 6, "temperature": 0}""");
        text.ShouldBe(whole.GetProperty("choices")[0].GetProperty("text").GetString());
    }
}
