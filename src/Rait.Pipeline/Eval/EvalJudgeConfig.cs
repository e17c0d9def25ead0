using Rait.Core.Endpoints;

namespace Rait.Pipeline.Eval;

/// <summary>
/// Optional <c>[judge]</c> section of the eval config: an LLM behind any OpenAI-compatible endpoint grades each
/// open-ended answer correct / wrong / refused, and metrics.json reports its agreement with the rule-based classifier.
/// </summary>
/// <remarks>The key itself never goes into a config file: <see cref="ApiKeyEnv"/> names the environment variable the CLI reads.</remarks>
public sealed record EvalJudgeConfig
{
    /// <summary>Base URL up to and including the API version, e.g. "http://127.0.0.1:8000/v1".</summary>
    public string Endpoint { get; init; } = "";
    /// <summary>Model name sent in each request.</summary>
    public string Model { get; init; } = "";
    /// <summary>Environment variable holding the bearer token; null = no key (local servers).</summary>
    public string? ApiKeyEnv { get; init; }
    /// <summary>Tokens the judge may generate per verdict.</summary>
    public int MaxTokens { get; init; } = 8;
    /// <summary>Judge requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    public IReadOnlyList<string> Validate(string prefix = "judge")
    {
        var e = new List<string>();
        if (string.IsNullOrWhiteSpace(Model)) e.Add($"{prefix}.model: expected the judge's model name.");
        if (ApiKeyEnv is { Length: 0 }) e.Add($"{prefix}.api_key_env: expected an environment variable name or no key at all.");
        if (MaxTokens is < 1 or > 256) e.Add($"{prefix}.max_tokens: got {MaxTokens}, expected 1 to 256.");
        // Endpoint and concurrency are checked by the client's own options, under this section's key names.
        e.AddRange(ClientOptions(null).Validate(prefix).Select(m => m.Replace($"{prefix}.base_url", $"{prefix}.endpoint", StringComparison.Ordinal)));
        return e;
    }

    /// <summary>Client options for the judge's endpoint with the given key.</summary>
    public OpenAiClientOptions ClientOptions(string? apiKey) => new() { BaseUrl = Endpoint, ApiKey = apiKey, Concurrency = Concurrency };
}
