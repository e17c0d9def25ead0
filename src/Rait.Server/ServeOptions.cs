using System.Net;

namespace Rait.Server;

/// <summary>How <c>rait serve</c> listens and how much work it admits.</summary>
public sealed record ServeOptions
{
    public string Host { get; init; } = "127.0.0.1";
    /// <summary>0 = any free port (the bound address is in <see cref="RaitServer.Address"/>).</summary>
    public int Port { get; init; } = 8000;
    /// <summary>Bearer key clients must send; null = no authentication.</summary>
    public string? ApiKey { get; init; }
    /// <summary>Largest request body in bytes; bigger bodies get 413.</summary>
    public long MaxBodyBytes { get; init; } = 1 << 20;
    /// <summary>Most choices per request (<c>n</c>).</summary>
    public int MaxChoices { get; init; } = 16;
    /// <summary>Most prompts in one completions request.</summary>
    public int MaxPrompts { get; init; } = 64;
    /// <summary>max_tokens of a chat request that gives none (capped by the context left after the prompt).</summary>
    public int DefaultMaxTokens { get; init; } = 512;
    /// <summary>Browser origins allowed to call the API (CORS), e.g. "http://localhost:3000"; "*" = any; empty = no CORS headers.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>All problems, each naming its option.</summary>
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        if (!IPAddress.TryParse(Host, out _) && Host != "localhost") e.Add($"host: expected an IP address or localhost, got \"{Host}\"");
        if (Port is < 0 or > 65535) e.Add($"port: expected 0..65535, got {Port}");
        if (ApiKey is { Length: 0 }) e.Add("api_key: the key is empty");
        if (MaxBodyBytes < 1024) e.Add($"max_body_bytes: expected >= 1024, got {MaxBodyBytes}");
        if (MaxChoices < 1) e.Add($"max_choices: expected >= 1, got {MaxChoices}");
        if (MaxPrompts < 1) e.Add($"max_prompts: expected >= 1, got {MaxPrompts}");
        if (DefaultMaxTokens < 1) e.Add($"default_max_tokens: expected >= 1, got {DefaultMaxTokens}");
        foreach (var o in CorsOrigins)
            if (o != "*" && !(Uri.TryCreate(o, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https") && u.AbsolutePath == "/"))
                e.Add($"cors_origins: expected \"*\" or an origin like http://localhost:3000, got \"{o}\"");
        return e;
    }
}
