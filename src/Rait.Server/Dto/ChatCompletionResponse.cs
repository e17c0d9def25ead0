namespace Rait.Server.Dto;

/// <summary>Non-streaming chat response (<c>object: "chat.completion"</c>).</summary>
public sealed record ChatCompletionResponse(string Id, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage, string SystemFingerprint)
{
    public string Object => "chat.completion";
}
