using System.ClientModel;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using Rait.Core.Records;
using Rait.Model.Generation;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests;

/// <summary>A model with a ChatML template: messages go through the template and generation stops at &lt;|im_end|&gt;.</summary>
public sealed class ChatTemplateTests(ChatMlServer fx) : IClassFixture<ChatMlServer>
{
    private ChatClient Client() => new(fx.ModelId, new ApiKeyCredential(TestServer.Key),
        new OpenAIClientOptions { Endpoint = new Uri(fx.Server.Address + "/v1") });

    [Fact]
    public async Task CompleteChat_SystemAndUser_RendersThroughTheTemplate()
    {
        List<OpenAI.Chat.ChatMessage> messages = [new SystemChatMessage("Hello world."), new UserChatMessage("the capital of France?")];
        ChatCompletion c = await Client().CompleteChatAsync(messages, new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 20 });
        var ids = fx.Lm.EncodePrompt([Rait.Core.Records.ChatMessage.System("Hello world."), Rait.Core.Records.ChatMessage.User("the capital of France?")]);
        fx.Lm.Tokenizer.Decode(ids, skipSpecialTokens: false).ShouldStartWith("<|im_start|>system\n");
        c.Usage.InputTokenCount.ShouldBe(ids.Count);
        var reference = fx.Lm.Generate([ids], new SamplingOptions { Temperature = 0, MaxNewTokens = 20 }).Single();
        c.Content.Single().Text.ShouldBe(reference.Text);
        c.Content.Single().Text.ShouldNotContain("<|im_end|>");
    }

    [Fact]
    public async Task ChatCompletions_ContentParts_EqualPlainString()
    {
        const string Parts = """[{"type": "text", "text": "Hello"}, {"type": "text", "text": " world."}]""";
        var a = await fx.Server.PostJsonAsync("/v1/chat/completions",
            $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": {{Parts}}}], "max_tokens": 6, "temperature": 0}""");
        var b = await fx.Server.PostJsonAsync("/v1/chat/completions",
            $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": "Hello world."}], "max_tokens": 6, "temperature": 0}""");
        a.Status.ShouldBe(200);
        Content(a.Json).ShouldBe(Content(b.Json));
        a.Json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32().ShouldBe(b.Json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_NWithSampling_ReturnsNIndexedChoices()
    {
        var (status, json) = await fx.Server.PostJsonAsync("/v1/chat/completions",
            $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": "Hello"}], "max_tokens": 5, "temperature": 1.0, "top_p": 0.9, "n": 3, "seed": 4}""");
        status.ShouldBe(200);
        var choices = json.GetProperty("choices").EnumerateArray().ToList();
        choices.Select(c => c.GetProperty("index").GetInt32()).ShouldBe([0, 1, 2]);
        choices.ShouldAllBe(c => c.GetProperty("finish_reason").GetString() == "stop" || c.GetProperty("finish_reason").GetString() == "length");
        json.GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBeLessThanOrEqualTo(15);
    }

    [Fact]
    public async Task ChatCompletions_SameSeed_SameText()
    {
        var body = $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": "Hello"}], "max_tokens": 8, "temperature": 1.0, "seed": 123}""";
        var first = await fx.Server.PostJsonAsync("/v1/chat/completions", body);
        var second = await fx.Server.PostJsonAsync("/v1/chat/completions", body);
        Content(first.Json).ShouldBe(Content(second.Json));
    }

    private static string Content(JsonElement json) => json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
}
