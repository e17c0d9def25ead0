namespace Rait.Server.Dto;

/// <summary>Body of the legacy <c>POST /v1/completions</c> (interop §7.3): what prompt scoring needs.</summary>
public sealed record CompletionRequest
{
    public string? Model { get; init; }
    public PromptInput? Prompt { get; init; }
    /// <summary>Defaults to 16 as in OpenAI; 0 is allowed with <see cref="Echo"/> to score a prompt without generating.</summary>
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? N { get; init; }
    public StopSequences? Stop { get; init; }
    public long? Seed { get; init; }
    /// <summary>Alternatives per position (0–5); null = no log-probs.</summary>
    public int? Logprobs { get; init; }
    public bool? Echo { get; init; }
    public bool? Stream { get; init; }
    public StreamOptionsDto? StreamOptions { get; init; }
    public string? Suffix { get; init; }
    public int? BestOf { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public IReadOnlyDictionary<string, double>? LogitBias { get; init; }
    /// <summary>vLLM extensions (sampling fields OpenAI does not have).</summary>
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    public double? RepetitionPenalty { get; init; }
    public string? User { get; init; }
}
