using System.Text;
using System.Text.Json;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests;

/// <summary>Generated malformed bodies: the parser and checks must answer every one with a 4xx in OpenAI's error shape.</summary>
public sealed class RequestFuzzTests : IAsyncLifetime
{
    private const string Valid = """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 4, "temperature": 0.5, "stop": ["x"], "logprobs": true, "top_logprobs": 2, "n": 1}""";
    private const string ValidCompletion = """{"model": "fake-model", "prompt": "hi", "max_tokens": 4, "echo": true, "logprobs": 1}""";
    private readonly FakeBackend _backend = new(contextLength: 64);
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(_backend, new ServeOptions { MaxBodyBytes = 8192 });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _backend.Dispose();
    }

    /// <summary>Values of the wrong JSON type or out of range for each field.</summary>
    private static readonly string[] BadValues =
        ["\"str\"", "-1", "1e400", "3.5", "true", "null", "[]", "{}", "[1, {\"a\": 2}]", "99999999999999999999", "\"\"", "[[[[]]]]"];

    private static IEnumerable<(string Path, string Body)> Cases(int seed)
    {
        var rng = new Random(seed);
        foreach (var (path, valid) in new[] { ("/v1/chat/completions", Valid), ("/v1/completions", ValidCompletion) })
        {
            var fields = JsonDocument.Parse(valid).RootElement.EnumerateObject().Select(p => p.Name).ToList();
            // 1. Each field replaced by each bad value (skipping replacements that are valid for that field).
            foreach (var field in fields)
                foreach (var bad in BadValues)
                {
                    var body = Replace(valid, field, bad);
                    if (!IsAcceptableByDesign(path, field, bad)) yield return (path, body);
                }
            // 2. Truncations of a valid body (always broken JSON).
            for (int i = 0; i < 50; i++) yield return (path, valid[..rng.Next(0, valid.Length - 1)]);
            // 3. Random bytes and random JSON-ish noise.
            for (int i = 0; i < 40; i++)
            {
                var bytes = new byte[rng.Next(1, 200)];
                rng.NextBytes(bytes);
                bytes[0] = (byte)'!'; // never a valid JSON start
                yield return (path, Encoding.Latin1.GetString(bytes));
            }
            // 4. Deep nesting past the depth limit.
            yield return (path, $$"""{"model": "fake-model", "messages": {{new string('[', 100)}}{{new string(']', 100)}}}""");
            // 5. Required fields removed.
            foreach (var required in path.EndsWith("chat/completions") ? new[] { "model", "messages" } : new[] { "model", "prompt" })
                yield return (path, Remove(valid, required));
        }
    }

    /// <summary>Replacements that are valid requests (null means "use the default"; a string is a valid stop or prompt; true a valid flag).</summary>
    private static bool IsAcceptableByDesign(string path, string field, string bad) =>
        (bad == "true" && (field == "echo" || (field == "logprobs" && path.EndsWith("chat/completions"))))
        ||
        (bad == "null" && field is not ("model" or "messages" or "prompt"))
        || (field == "stop" && bad is "[]" or "\"str\"")
        || (field == "prompt" && bad == "\"str\"");

    private static string Replace(string json, string field, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(field);
        var raw = node.ToJsonString();
        return raw[..^1] + $",\"{field}\":{value}}}";
    }

    private static string Remove(string json, string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(field);
        return node.ToJsonString();
    }

    [Fact]
    public async Task Parser_HundredsOfMalformedBodies_Always4xxWithErrorShape()
    {
        var cases = Cases(seed: 7).ToList();
        cases.Count.ShouldBeGreaterThan(300);
        var failures = new List<string>();
        foreach (var (path, body) in cases)
        {
            using var response = await _server.PostAsync(path, body);
            int status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status is < 400 or >= 500) { failures.Add($"{status} {path} {body}"); continue; }
            using var doc = JsonDocument.Parse(text);
            if (!doc.RootElement.TryGetProperty("error", out var e) || e.GetProperty("message").GetString() is null)
                failures.Add($"no error body: {path} {body}");
        }
        failures.ShouldBeEmpty();
        _backend.Requests.ShouldBeEmpty();
        (await _server.Http.GetAsync("/health")).IsSuccessStatusCode.ShouldBeTrue();
    }
}
