using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using RaitMessage = Rait.Core.Records.ChatMessage;
using Rait.Model;
using Rait.Model.Generation;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests;

/// <summary>The official OpenAI .NET SDK against the real TinyStories model (no chat template: messages are plain text).</summary>
public sealed class OpenAiSdkTests(TinyStoriesServer fx) : IClassFixture<TinyStoriesServer>
{
    private const string Prompt = "Once upon a time";

    private ChatClient Client() => new(fx.ModelId, new ApiKeyCredential(TestServer.Key),
        new OpenAIClientOptions { Endpoint = new Uri(fx.Server.Address + "/v1") });

    private static ChatCompletionOptions Greedy(int maxTokens) => new() { Temperature = 0, MaxOutputTokenCount = maxTokens };

    /// <summary>The engine called directly, for reference (the server is idle when this runs).</summary>
    private TextCompletion Reference(int maxTokens) =>
        fx.Lm.Generate([fx.Lm.EncodePrompt([RaitMessage.User(Prompt)])], new SamplingOptions { Temperature = 0, MaxNewTokens = maxTokens }).Single();

    [Fact]
    public async Task CompleteChat_Greedy_MatchesTheEngine()
    {
        ChatCompletion c = await Client().CompleteChatAsync([new UserChatMessage(Prompt)], Greedy(12));
        var reference = Reference(12);
        c.Content.Single().Text.ShouldBe(reference.Text);
        c.Role.ShouldBe(ChatMessageRole.Assistant);
        c.FinishReason.ShouldBe(reference.Finish == FinishReason.Stop ? ChatFinishReason.Stop : ChatFinishReason.Length);
        c.Usage.InputTokenCount.ShouldBe(fx.Lm.EncodePrompt([RaitMessage.User(Prompt)]).Count);
        c.Usage.OutputTokenCount.ShouldBe(reference.TokenIds.Count);
        c.Model.ShouldBe(fx.ModelId);
    }

    [Fact]
    public async Task CompleteChatStreaming_Greedy_DeltasConcatenateToTheNonStreamedText()
    {
        var client = Client();
        ChatCompletion whole = await client.CompleteChatAsync([new UserChatMessage(Prompt)], Greedy(16));
        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        int updates = 0;
        await foreach (var u in client.CompleteChatStreamingAsync([new UserChatMessage(Prompt)], Greedy(16)))
        {
            updates++;
            foreach (var part in u.ContentUpdate) text.Append(part.Text);
            finish ??= u.FinishReason;
            usage ??= u.Usage;
        }
        text.ToString().ShouldBe(whole.Content.Single().Text);
        finish.ShouldBe(whole.FinishReason);
        updates.ShouldBeGreaterThan(3);
        usage.ShouldNotBeNull().OutputTokenCount.ShouldBe(whole.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_TopLogprobs_AgreeWithTheGeneratorAndRankTheGreedyTokenFirst()
    {
        var options = Greedy(10);
        options.IncludeLogProbabilities = true;
        options.TopLogProbabilityCount = 5;
        ChatCompletion c = await Client().CompleteChatAsync([new UserChatMessage(Prompt)], options);
        var reference = Reference(10);
        var lps = c.ContentTokenLogProbabilities;
        lps.Count.ShouldBe(reference.TokenIds.Count);
        for (int i = 0; i < lps.Count; i++)
        {
            lps[i].LogProbability.ShouldBe(reference.LogProbs[i], 1e-3);
            lps[i].TopLogProbabilities.Count.ShouldBe(5);
            lps[i].TopLogProbabilities[0].Token.ShouldBe(lps[i].Token);
            lps[i].TopLogProbabilities.Select(t => t.LogProbability).ShouldBeInOrder(SortDirection.Descending);
            System.Text.Encoding.UTF8.GetString(lps[i].Utf8Bytes!.Value.Span).ShouldBe(lps[i].Token);
        }
        string.Concat(lps.Select(t => t.Token)).ShouldBe(c.Content.Single().Text);
    }

    [Fact]
    public async Task CompleteChat_UnknownModel_ThrowsWith404()
    {
        var client = new ChatClient("not-served", new ApiKeyCredential(TestServer.Key), new OpenAIClientOptions { Endpoint = new Uri(fx.Server.Address + "/v1") });
        var e = await Should.ThrowAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage(Prompt)], Greedy(4)));
        e.Status.ShouldBe(404);
    }
}
