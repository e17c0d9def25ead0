using System.Collections.Concurrent;
using Rait.Model;
using Rait.Server.Engine;
using Rait.Server.Tests.Support;
using Xunit.Abstractions;

namespace Rait.Server.Tests;

/// <summary>TinyStories behind an engine with a small KV-cache budget (about 19 rows at full reserved length).</summary>
public sealed class BudgetServer : IAsyncLifetime
{
    // TinyStories: 2 layers × (K, V) × 4 KV heads × 16 dims × 4 bytes = 1 KiB per cached position.
    public const long Budget = 6L << 20;
    public const int Queue = 64;
    private LanguageModel? _lm;

    public ModelBackend Backend { get; private set; } = null!;
    internal TestServer Server { get; private set; } = null!;
    public string ModelId => Backend.ModelId;

    public async Task InitializeAsync()
    {
        _lm = LanguageModel.Load(TinyModels.TinyStories);
        Backend = new ModelBackend(_lm, "tinystories", new EngineOptions { MaxBatchRows = 32, MaxQueue = Queue, KvCacheBytes = Budget });
        Server = await TestServer.StartAsync(Backend);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Backend.Dispose();
        _lm?.Dispose();
    }
}

public sealed class ContinuousBatchingTests(BudgetServer fx, ITestOutputHelper output) : IClassFixture<BudgetServer>
{
    private static readonly int[] MaxTokens = [4, 16, 64, 256];
    private static readonly string[] Prompts = ["Once upon a time", "Tom and Sue went to the park", "The little dog", "One day, a girl named Lily"];

    private string Body(int i, int maxTokens, int n) =>
        $$"""{"model": "{{fx.ModelId}}", "prompt": "{{Prompts[i % Prompts.Length]}}", "max_tokens": {{maxTokens}}, "n": {{n}}, "temperature": 0.8, "seed": {{i}}}""";

    [Fact]
    public async Task Completions_64ConcurrentMixedLengths_AllCompleteShortFirstUnderBudget()
    {
        // Given 64 concurrent requests with max_tokens 4 … 256 and n 1 or 2 (up to 128 rows; the budget holds far fewer)
        var order = new ConcurrentQueue<int>();
        var tokens = new int[64];
        var statuses = new int[64];
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var (status, json) = await fx.Server.PostJsonAsync("/v1/completions", Body(i, MaxTokens[i % 4], 1 + i / 4 % 2));
            statuses[i] = status;
            if (status == 200) tokens[i] = json.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
            order.Enqueue(i);
        })));

        // Then all complete
        statuses.ShouldAllBe(s => s == 200);
        // and rows joined and left between steps: requests that generated few tokens finish before those that generated many
        var rank = order.Select((request, r) => (request, r)).ToDictionary(x => x.request, x => x.r);
        var shortOnes = Enumerable.Range(0, 64).Where(i => MaxTokens[i % 4] == 4).ToList();
        var longOnes = Enumerable.Range(0, 64).Where(i => tokens[i] >= 128).ToList();
        longOnes.Count.ShouldBeGreaterThan(4, "the long requests must actually decode long");
        double shortFirst = shortOnes.SelectMany(s => longOnes, (s, l) => rank[s] < rank[l] ? 1.0 : 0.0).Average();
        output.WriteLine($"short-before-long pairs: {shortFirst:P0}");
        shortOnes.Average(i => rank[i]).ShouldBeLessThan(longOnes.Average(i => rank[i]) - 16);
        // Backfilling lets short requests pass a long one waiting for room, so few pairs come out the other way round.
        shortFirst.ShouldBeGreaterThan(0.75);
        order.Take(8).ShouldAllBe(i => tokens[i] <= 64);
        // and the KV cache never held more than the budget (instrumented on the cache tensors), though it was used
        var stats = fx.Backend.Stats;
        output.WriteLine($"mean completion rank: max_tokens 4 {shortOnes.Average(i => rank[i]):F1}, >= 128 tokens {longOnes.Average(i => rank[i]):F1} " +
            $"({longOnes.Count} requests); peak KV cache {stats.PeakCacheBytes} of {BudgetServer.Budget} bytes; peak rows {stats.PeakRows}; steps {stats.Steps}");
        stats.PeakCacheBytes.ShouldBeGreaterThan(BudgetServer.Budget / 2);
        stats.PeakCacheBytes.ShouldBeLessThanOrEqualTo(BudgetServer.Budget);
        stats.PeakRows.ShouldBeGreaterThan(4);
    }

    [Fact]
    public async Task Completions_RequestThatCannotFitAlone_Returns400()
    {
        // 16 rows of up to 5 + 500 positions need about 10 MiB, more than the 6 MiB budget
        var (status, json) = await fx.Server.PostJsonAsync("/v1/completions", Body(0, 500, 16));

        status.ShouldBe(400);
        json.GetProperty("error").GetProperty("code").GetString().ShouldBe("kv_cache_budget_exceeded");
        json.GetProperty("error").GetProperty("param").GetString().ShouldBe("max_tokens");
    }

    [Fact]
    public async Task Completions_MoreRequestsThanTheQueueHolds_Some429WithRetryAfterRestSucceed()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 3 * BudgetServer.Queue).Select(i => Task.Run(async () =>
        {
            using var response = await fx.Server.PostAsync("/v1/completions", Body(i, 256, 2));
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta);
        })));

        output.WriteLine($"200: {results.Count(r => r.Item1 == 200)}, 429: {results.Count(r => r.Item1 == 429)}");
        results.ShouldAllBe(r => r.Item1 == 200 || r.Item1 == 429);
        results.ShouldContain(r => r.Item1 == 429);
        results.Where(r => r.Item1 == 429).ShouldAllBe(r => r.Delta == TimeSpan.FromSeconds(1));
        results.Count(r => r.Item1 == 200).ShouldBeGreaterThanOrEqualTo(BudgetServer.Queue);
    }

    [Fact]
    public async Task Chat_1000Requests_EngineLiveTensorCountStaysFlat()
    {
        string Chat(int i) => $$"""{"model": "{{fx.ModelId}}", "messages": [{"role": "user", "content": "{{Prompts[i % 4]}}"}], "max_tokens": {{1 + i % 3}}, "n": {{1 + i % 2}}, "temperature": 1, "logprobs": {{(i % 5 == 0 ? "true, \"top_logprobs\": 2" : "false")}}}""";
        async Task Run(int from, int count) => await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            for (int i = from + c; i < from + count; i += 8)
            {
                using var response = await fx.Server.PostAsync("/v1/chat/completions", Chat(i));
                response.EnsureSuccessStatusCode();
            }
        })));
        await Run(0, 16);
        long before = fx.Backend.Stats.IdleLiveTensors;
        before.ShouldBeGreaterThanOrEqualTo(0);

        await Run(16, 1000);

        output.WriteLine($"engine live tensors when idle: {before} after warm-up, {fx.Backend.Stats.IdleLiveTensors} after 1000 requests");
        fx.Backend.Stats.IdleLiveTensors.ShouldBeLessThanOrEqualTo(before);
    }
}
