using Rait.Model.Generation;
using Rait.Server.Engine;
using Rait.Server.Tests.Support;

namespace Rait.Server.Tests;

public sealed class BatchingTests
{
    private static GenerationRequest Request(int maxNew = 4, double temperature = 0, long? seed = null) =>
        new([[1, 2, 3]], new SamplingOptions { MaxNewTokens = maxNew, Temperature = temperature }, seed, LogprobRequest.None);

    [Fact]
    public async Task GenerateAsync_ConcurrentCompatibleRequests_ShareOneBatch()
    {
        using var backend = new FakeBackend(maxBatchRows: 32);
        backend.Gate.Reset();
        // The first request occupies the engine; the next 8 queue up meanwhile and must go as one batch.
        var first = backend.GenerateAsync(Request(), CancellationToken.None);
        while (backend.QueueDepth > 0) await Task.Delay(5);
        var rest = Enumerable.Range(0, 8).Select(_ => backend.GenerateAsync(Request(), CancellationToken.None)).ToList();
        backend.QueueDepth.ShouldBe(8);
        backend.Gate.Set();
        await Task.WhenAll(rest.Append(first));
        backend.BatchSizes.ShouldBe([1, 8]);
    }

    [Fact]
    public async Task GenerateAsync_IncompatibleRequests_RunInSeparateBatchesInOrder()
    {
        using var backend = new FakeBackend();
        backend.Gate.Reset();
        var first = backend.GenerateAsync(Request(), CancellationToken.None);
        while (backend.QueueDepth > 0) await Task.Delay(5);
        var a = backend.GenerateAsync(Request(maxNew: 4), CancellationToken.None);
        var b = backend.GenerateAsync(Request(maxNew: 2), CancellationToken.None);
        var c = backend.GenerateAsync(Request(maxNew: 4), CancellationToken.None);
        // Seeded sampling shares a batch with other sampled requests (each request draws from its own seeded streams).
        var d = backend.GenerateAsync(Request(temperature: 1, seed: 5), CancellationToken.None);
        var e = backend.GenerateAsync(Request(temperature: 1), CancellationToken.None);
        backend.Gate.Set();
        await Task.WhenAll(first, a, b, c, d, e);
        backend.BatchSizes.ShouldBe([1, 2, 1, 2]);
        (await b).Single().Text.ShouldBe("ok");
    }

    [Fact]
    public async Task GenerateAsync_QueueFull_ThrowsQueueFull()
    {
        using var backend = new FakeBackend(maxQueue: 2);
        backend.Gate.Reset();
        var running = backend.GenerateAsync(Request(), CancellationToken.None);
        while (backend.QueueDepth > 0) await Task.Delay(5);
        var queued = new[] { backend.GenerateAsync(Request(), CancellationToken.None), backend.GenerateAsync(Request(), CancellationToken.None) };
        Should.Throw<QueueFullException>(() => backend.GenerateAsync(Request(), CancellationToken.None));
        backend.Gate.Set();
        await Task.WhenAll(queued.Append(running));
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileQueued_IsSkippedByTheEngine()
    {
        using var backend = new FakeBackend();
        backend.Gate.Reset();
        var running = backend.GenerateAsync(Request(), CancellationToken.None);
        while (backend.QueueDepth > 0) await Task.Delay(5);
        using var cts = new CancellationTokenSource();
        var cancelled = backend.GenerateAsync(Request(), cts.Token);
        var kept = backend.GenerateAsync(Request(), CancellationToken.None);
        cts.Cancel();
        await Should.ThrowAsync<TaskCanceledException>(() => cancelled);
        backend.Gate.Set();
        await Task.WhenAll(running, kept);
        backend.BatchSizes.ShouldBe([1, 1]);
    }

    [Fact]
    public async Task EnqueueAsync_AllRequestsOfRunningBatchCancelled_CancelsTheBatchToken()
    {
        var started = new ManualResetEventSlim();
        var sawCancel = new TaskCompletionSource<bool>();
        using var queue = new BatchingQueue<int, int>((items, ct) =>
        {
            if (items[0] != 1) return items;
            started.Set();
            sawCancel.SetResult(ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
            ct.ThrowIfCancellationRequested();
            return items;
        }, _ => 0, _ => 1, maxBatchRows: 4, capacity: 4, "test-engine");
        using var cts = new CancellationTokenSource();
        var task = queue.EnqueueAsync(1, cts.Token);
        started.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        cts.Cancel();
        (await sawCancel.Task).ShouldBeTrue();
        await Should.ThrowAsync<TaskCanceledException>(() => task);
        // The worker survives and serves the next request.
        (await queue.EnqueueAsync(7, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(7);
    }

    [Fact]
    public async Task Http_QueueFull_Returns429WithRetryAfter()
    {
        using var backend = new FakeBackend(maxQueue: 1);
        await using var server = await TestServer.StartAsync(backend);
        backend.Gate.Reset();
        const string Body = """{"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 3, "temperature": 0}""";
        var running = server.PostAsync("/v1/chat/completions", Body);
        while (backend.Started == 0) await Task.Delay(5);
        var queued = server.PostAsync("/v1/chat/completions", Body);
        while (backend.QueueDepth == 0) await Task.Delay(5);
        using var rejected = await server.PostAsync("/v1/chat/completions", Body);
        ((int)rejected.StatusCode).ShouldBe(429);
        rejected.Headers.RetryAfter.ShouldNotBeNull();
        (await rejected.Content.ReadAsStringAsync()).ShouldContain("rate_limit_exceeded");
        backend.Gate.Set();
        ((int)(await running).StatusCode).ShouldBe(200);
        ((int)(await queued).StatusCode).ShouldBe(200);
    }
}
