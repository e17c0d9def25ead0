using System.Text.Json.Serialization;
using Rait.Core.Records;

namespace Rait.Core.Endpoints;

/// <summary>The subset of <c>POST /chat/completions</c> that probing and evaluation use.</summary>
public sealed record ChatCompletionRequest
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("messages")] public required IReadOnlyList<ChatMessage> Messages { get; init; }
    [JsonPropertyName("n")] public int N { get; init; } = 1;
    [JsonPropertyName("temperature")] public double Temperature { get; init; } = 1.0;
    [JsonPropertyName("top_p")] public double? TopP { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }
    [JsonPropertyName("stop")] public IReadOnlyList<string>? Stop { get; init; }
    [JsonPropertyName("logprobs")] public bool? LogProbs { get; init; }
    /// <summary>0-20; requires <see cref="LogProbs"/>.</summary>
    [JsonPropertyName("top_logprobs")] public int? TopLogProbs { get; init; }
}
