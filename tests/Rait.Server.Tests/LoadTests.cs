using System.Diagnostics;
using System.Text.Json;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests;

/// <summary>32 concurrent clients × 20 requests on TinyStories: no 5xx, every answer well-formed, requests really batched,
/// memory bounded. No timing assertions.</summary>
public sealed class LoadTests(TinyStoriesServer fx) : IClassFixture<TinyStoriesServer>
{
    private const int Clients = 32, RequestsPerClient = 20;

    private string Body(int client, int i) => (client + i) % 3 == 0
        ? $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": "Tom and Sue {{i}}"}], "max_tokens": 8, "temperature": 0.8}"""
        : $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": "Once upon a time {{client}}"}], "max_tokens": 8, "temperature": 0}""";

    [Fact]
    public async Task ChatCompletions_32ClientsX20Requests_AllWellFormedAndBatched()
    {
        // Warm-up so the baseline includes the model's first-use allocations.
        (await fx.Server.PostAsync("/v1/chat/completions", Body(0, 1))).EnsureSuccessStatusCode();
        GC.Collect();
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        long workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
        long stepsBefore = fx.Backend.Stats.Steps;

        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        var malformed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (int i = 0; i < RequestsPerClient; i++)
            {
                using var response = await fx.Server.PostAsync("/v1/chat/completions", Body(client, i));
                statuses.Add((int)response.StatusCode);
                var text = await response.Content.ReadAsStringAsync();
                if (!WellFormed(text)) malformed.Add(text);
            }
        })));

        statuses.Count.ShouldBe(Clients * RequestsPerClient);
        statuses.ShouldAllBe(s => s == 200);
        malformed.ShouldBeEmpty();
        // Batched: rows shared decode steps (unbatched, each request would take its own 8 steps).
        fx.Backend.Stats.PeakRows.ShouldBeGreaterThan(1);
        (fx.Backend.Stats.Steps - stepsBefore).ShouldBeLessThan(Clients * RequestsPerClient * 8 / 2);
        fx.Backend.QueueDepth.ShouldBe(0);
        GC.Collect();
        (GC.GetTotalMemory(forceFullCollection: true) - managedBefore).ShouldBeLessThan(64L << 20);
        (Process.GetCurrentProcess().WorkingSet64 - workingSetBefore).ShouldBeLessThan(512L << 20);
    }

    private static bool WellFormed(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        if (root.GetProperty("object").GetString() != "chat.completion") return false;
        var choice = root.GetProperty("choices")[0];
        var usage = root.GetProperty("usage");
        return choice.GetProperty("message").GetProperty("content").ValueKind == JsonValueKind.String
            && choice.GetProperty("finish_reason").GetString() is "stop" or "length"
            && usage.GetProperty("completion_tokens").GetInt32() is > 0 and <= 8
            && usage.GetProperty("total_tokens").GetInt32() == usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32();
    }
}

/// <summary>A tiny queue under the same load: requests either succeed or get 429 with Retry-After, never 5xx.</summary>
public sealed class SmallQueueLoadTests(SmallQueueServer fx) : IClassFixture<SmallQueueServer>
{
    [Fact]
    public async Task ChatCompletions_LoadOverQueueCapacity_Only200Or429()
    {
        var body = $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": "Once upon a time"}], "max_tokens": 8, "temperature": 0}""";
        var results = new System.Collections.Concurrent.ConcurrentBag<(int Status, bool RetryAfter)>();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 5; i++)
            {
                using var response = await fx.Server.PostAsync("/v1/chat/completions", body);
                results.Add(((int)response.StatusCode, response.Headers.RetryAfter is not null));
            }
        })));
        results.ShouldAllBe(r => r.Status == 200 || (r.Status == 429 && r.RetryAfter));
        results.Count(r => r.Status == 200).ShouldBeGreaterThan(0);
        (await fx.Server.PostAsync("/v1/chat/completions", body)).IsSuccessStatusCode.ShouldBeTrue();
    }
}

public sealed class SmallQueueServer() : ModelServerFixture(TinyModels.TinyStories, maxBatch: 4, maxQueue: 2);
