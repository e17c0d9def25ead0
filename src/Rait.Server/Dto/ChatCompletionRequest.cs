using System.Text.Json;

namespace Rait.Server.Dto;

/// <summary>Body of <c>POST /v1/chat/completions</c> (the OpenAI subset in interop §7.1). Unknown fields are ignored,
/// as vLLM does, so newer SDKs that add fields keep working.</summary>
public sealed record ChatCompletionRequest
{
    public string? Model { get; init; }
    public IReadOnlyList<ChatMessageDto>? Messages { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? N { get; init; }
    /// <summary>Deprecated by OpenAI but still sent by most clients; <see cref="MaxCompletionTokens"/> wins when both are set.</summary>
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public StopSequences? Stop { get; init; }
    public long? Seed { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
    public bool? Stream { get; init; }
    public StreamOptionsDto? StreamOptions { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public IReadOnlyDictionary<string, double>? LogitBias { get; init; }
    public ResponseFormatDto? ResponseFormat { get; init; }
    /// <summary>vLLM extensions (sampling fields OpenAI does not have).</summary>
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    public double? RepetitionPenalty { get; init; }
    /// <summary>Tool calling is not served; these are read only to refuse them, since ignoring them would change the answer.</summary>
    public JsonElement? Tools { get; init; }
    public JsonElement? ToolChoice { get; init; }
    public JsonElement? Functions { get; init; }
    public JsonElement? FunctionCall { get; init; }
    public string? User { get; init; }
}
