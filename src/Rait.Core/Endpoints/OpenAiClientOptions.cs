namespace Rait.Core.Endpoints;

/// <summary>Where an OpenAI-compatible server lives and how patiently to talk to it.</summary>
public sealed record OpenAiClientOptions
{
    /// <summary>Base URL up to and including the API version, e.g. "http://127.0.0.1:8000/v1".</summary>
    public required string BaseUrl { get; init; }
    /// <summary>Bearer token; null or empty sends no Authorization header (local servers).</summary>
    public string? ApiKey { get; init; }
    /// <summary>Retries after the first attempt for transient failures (429, 5xx, timeouts, broken connections, garbage bodies).</summary>
    public int MaxRetries { get; init; } = 5;
    /// <summary>Delay before the first retry; doubles each retry (plus up to 25 % jitter).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Upper bound of one backoff delay and of an honoured Retry-After.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Per-attempt timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(300);
    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>All problems, each with its key path under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix = "endpoint")
    {
        var e = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            e.Add($"{prefix}.base_url: expected an absolute http(s) URL, got \"{BaseUrl}\".");
        if (MaxRetries < 0) e.Add($"{prefix}.max_retries: expected >= 0, got {MaxRetries}.");
        if (InitialBackoff < TimeSpan.Zero) e.Add($"{prefix}.initial_backoff: expected >= 0, got {InitialBackoff}.");
        if (MaxBackoff < InitialBackoff) e.Add($"{prefix}.max_backoff: expected >= initial_backoff, got {MaxBackoff}.");
        if (RequestTimeout <= TimeSpan.Zero) e.Add($"{prefix}.request_timeout: expected > 0, got {RequestTimeout}.");
        if (Concurrency <= 0) e.Add($"{prefix}.concurrency: expected > 0, got {Concurrency}.");
        return e;
    }
}
