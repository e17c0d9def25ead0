using System.Security.Cryptography;
using System.Text;

namespace Rait.Core.Endpoints;

/// <summary>A model served by an OpenAI-compatible server (vLLM, llama.cpp, `rait serve`): where, which name, which key.</summary>
public sealed record EndpointModel
{
    /// <summary>Base URL up to and including the API version, e.g. "http://127.0.0.1:8000/v1".</summary>
    public required string Endpoint { get; init; }
    /// <summary>Model name the server knows (its /v1/models id).</summary>
    public required string Name { get; init; }
    /// <summary>Environment variable holding the API key; none for local servers.</summary>
    public string? ApiKeyEnv { get; init; }
    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    public IReadOnlyList<string> Validate(string prefix)
    {
        var e = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) e.Add($"{prefix}.name: required with {prefix}.endpoint (the model name the server knows)");
        if (ApiKeyEnv is { } env && Environment.GetEnvironmentVariable(env) is null) e.Add($"{prefix}.api_key_env: environment variable {env} is not set");
        e.AddRange(Options().Validate(prefix).Select(x => x.Replace($"{prefix}.base_url", $"{prefix}.endpoint").TrimEnd('.')));
        return e;
    }

    public OpenAiClientOptions Options() => new()
    {
        BaseUrl = Endpoint, Concurrency = Concurrency,
        ApiKey = ApiKeyEnv is null ? null : Environment.GetEnvironmentVariable(ApiKeyEnv),
    };

    public OpenAiClient Client() => new(Options());

    /// <summary>
    /// Identifies what the server serves under <see cref="Name"/>: URL, name and the server's whole /v1/models
    /// entry (created, owned_by, max_model_len, ...), so a redeployed or swapped model behind the same name
    /// invalidates cached stages.
    /// </summary>
    /// <exception cref="RaitException">The server is unreachable or does not list the model.</exception>
    public string Fingerprint(CancellationToken ct = default)
    {
        using var client = Client();
        var entry = client.ModelEntryAsync(Name, ct).GetAwaiter().GetResult();
        var text = Endpoint.TrimEnd('/') + "\n" + Name + "\n" + entry.ToJsonString();
        return "endpoint-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();
    }
}
