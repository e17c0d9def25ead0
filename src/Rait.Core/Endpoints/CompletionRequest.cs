using System.Text.Json.Serialization;

namespace Rait.Core.Endpoints;

/// <summary>The subset of the legacy <c>POST /completions</c> used for scoring (echo + logprobs) and plain prompts.</summary>
public sealed record CompletionRequest
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("prompt")] public required string Prompt { get; init; }
    [JsonPropertyName("n")] public int N { get; init; } = 1;
    [JsonPropertyName("temperature")] public double Temperature { get; init; } = 1.0;
    [JsonPropertyName("top_p")] public double? TopP { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("max_tokens")] public int MaxTokens { get; init; } = 16;
    [JsonPropertyName("stop")] public IReadOnlyList<string>? Stop { get; init; }
    /// <summary>Top-k alternatives per position (servers allow at most 5), plus the chosen token.</summary>
    [JsonPropertyName("logprobs")] public int? LogProbs { get; init; }
    /// <summary>Return the prompt tokens (and their log-probs) before the completion.</summary>
    [JsonPropertyName("echo")] public bool? Echo { get; init; }
}
