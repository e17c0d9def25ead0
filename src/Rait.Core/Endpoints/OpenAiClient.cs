using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Rait.Core.Endpoints;

/// <summary>
/// A small client for OpenAI-compatible servers (OpenAI, vLLM, llama.cpp): chat completions and legacy
/// completions, with retries on transient failures and a limit on requests in flight.
/// </summary>
/// <remarks>
/// Transient = 429, any 5xx, a timeout, a broken connection, or a 200 whose body is not the expected
/// JSON. Those are retried with exponential backoff plus jitter, waiting at least what Retry-After
/// asks for. Other statuses (400, 401, 403, 404, 422) fail at once. Either way the failure surfaces as
/// one <see cref="RaitException"/> naming the URL, the status and the server's message.
/// </remarks>
public sealed class OpenAiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly OpenAiClientOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Random.SplitMix64 _jitter;

    /// <param name="http">Shared HttpClient, or null to create one owned by this client.</param>
    /// <param name="delay">Waits between attempts; tests pass a recorder instead of sleeping.</param>
    /// <exception cref="RaitException">Invalid options (all problems listed).</exception>
    public OpenAiClient(OpenAiClientOptions options, HttpClient? http = null, Func<TimeSpan, CancellationToken, Task>? delay = null, int jitterSeed = 0)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new RaitException("invalid endpoint options: " + string.Join(" ", errors));
        _options = options;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _slots = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        _delay = delay ?? Task.Delay;
        _jitter = new Random.SplitMix64((ulong)jitterSeed);
    }

    /// <summary>Number of HTTP attempts made so far (first tries and retries).</summary>
    public int Attempts => _attempts;
    private int _attempts;

    /// <summary><c>POST {base}/chat/completions</c>.</summary>
    /// <exception cref="RaitException">A non-transient error, or transient errors that outlasted the retries.</exception>
    public async Task<IReadOnlyList<CompletionChoice>> ChatAsync(ChatCompletionRequest request, CancellationToken ct = default)
    {
        var body = JsonSerializer.Serialize(request, JsonOpts);
        return await SendAsync("chat/completions", body, OpenAiResponseParser.ParseChat, ct).ConfigureAwait(false);
    }

    /// <summary><c>POST {base}/completions</c> (legacy; with echo + logprobs it scores text).</summary>
    /// <exception cref="RaitException">A non-transient error, or transient errors that outlasted the retries.</exception>
    public async Task<IReadOnlyList<CompletionChoice>> CompleteAsync(CompletionRequest request, CancellationToken ct = default)
    {
        var body = JsonSerializer.Serialize(request, JsonOpts);
        return await SendAsync("completions", body, OpenAiResponseParser.ParseCompletion, ct).ConfigureAwait(false);
    }

    /// <summary><c>GET {base}/models</c>: the server's entry for <paramref name="model"/> exactly as returned (id, created,
    /// owned_by, max_model_len, ...), so callers can fingerprint what is being served, not only its name.</summary>
    /// <exception cref="RaitException">The request failed, or the server does not list <paramref name="model"/>.</exception>
    public async Task<System.Text.Json.Nodes.JsonObject> ModelEntryAsync(string model, CancellationToken ct = default)
    {
        var list = await SendAsync("models", null, text => System.Text.Json.Nodes.JsonNode.Parse(text)?["data"] as System.Text.Json.Nodes.JsonArray
            ?? throw new InvalidOperationException("no \"data\" array"), ct).ConfigureAwait(false);
        var entries = list.OfType<System.Text.Json.Nodes.JsonObject>().ToList();
        return entries.FirstOrDefault(e => e["id"]?.GetValueKind() == JsonValueKind.String && e["id"]!.GetValue<string>() == model)
            ?? throw new RaitException($"{_options.BaseUrl.TrimEnd('/')}/models: the server does not list model \"{model}\"; it serves {string.Join(", ", entries.Select(e => $"\"{e["id"]}\""))}.");
    }

    private static readonly JsonSerializerOptions JsonOpts = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <param name="body">JSON to POST, or null for a GET.</param>
    private async Task<T> SendAsync<T>(string path, string? body, Func<string, T> parse, CancellationToken ct)
    {
        var url = _options.BaseUrl.TrimEnd('/') + "/" + path;
        string lastError = "";
        for (int attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            await _slots.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                Interlocked.Increment(ref _attempts);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.RequestTimeout);
                using var msg = body is null ? new HttpRequestMessage(HttpMethod.Get, url)
                    : new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                if (!string.IsNullOrEmpty(_options.ApiKey)) msg.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
                using var resp = await _http.SendAsync(msg, timeout.Token).ConfigureAwait(false);
                var text = await resp.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (resp.IsSuccessStatusCode)
                {
                    try { return parse(text); }
                    catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
                    {
                        lastError = $"status {(int)resp.StatusCode} with an unreadable body ({e.Message}): {Clip(text)}";
                    }
                }
                else
                {
                    lastError = $"status {(int)resp.StatusCode}: {OpenAiResponseParser.ErrorMessage(text)}";
                    if (!IsTransient(resp.StatusCode)) throw new RaitException($"{url}: {lastError}");
                    retryAfter = RetryAfter(resp);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                lastError = $"no response within {_options.RequestTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                lastError = $"connection failed ({e.Message})";
            }
            finally
            {
                _slots.Release();
            }
            if (attempt >= _options.MaxRetries)
                throw new RaitException($"{url}: gave up after {attempt + 1} attempts; last error: {lastError}");
            await _delay(Backoff(attempt, retryAfter), ct).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Exponential backoff with up to 25 % jitter, never shorter than Retry-After, capped at MaxBackoff.</summary>
    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        double baseMs = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt);
        double jitter;
        lock (_jitter) jitter = _jitter.NextDouble() * 0.25;
        var wait = TimeSpan.FromMilliseconds(baseMs * (1 + jitter));
        if (retryAfter is { } ra && ra > wait) wait = ra;
        return wait > _options.MaxBackoff ? _options.MaxBackoff : wait;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage resp)
    {
        var h = resp.Headers.RetryAfter;
        if (h?.Delta is { } delta) return delta;
        if (h?.Date is { } date) { var d = date - DateTimeOffset.UtcNow; return d > TimeSpan.Zero ? d : TimeSpan.Zero; }
        return null;
    }

    private static string Clip(string s) => s.Length <= 200 ? s : s[..200] + "...";

    public void Dispose()
    {
        _slots.Dispose();
        if (_ownsHttp) _http.Dispose();
    }
}
