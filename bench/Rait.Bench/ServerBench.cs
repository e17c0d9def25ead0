using System.Diagnostics;
using Rait.Core.Records;
using Rait.Model;
using Rait.Model.Generation;
using Rait.Server;
using Rait.Server.Engine;

namespace Rait.Bench;

/// <summary>
/// `ServerBench [MODEL_DIR] [REQUESTS] [MAX_TOKENS]`: the same concurrent chat requests through the server's engine with
/// --max-batch 1 (one at a time) and --max-batch 32 (batched); prints requests/s of each and their ratio.
/// Default model: the TinyStories fixture in ../shared/fixtures next to the repository.
/// </summary>
internal static class ServerBench
{
    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "fixtures", "tinystories-656k"));
        int requests = args.Length > 1 ? int.Parse(args[1]) : 128;
        int maxTokens = args.Length > 2 ? int.Parse(args[2]) : 16;
        using var lm = LanguageModel.Load(dir);
        var prompts = Enumerable.Range(0, requests).Select(i => lm.EncodePrompt([ChatMessage.User($"Once upon a time {i}")])).ToList();
        var sampling = new SamplingOptions { Temperature = 0, MaxNewTokens = maxTokens };
        Measure(lm, prompts, sampling, maxBatch: 32); // warm-up
        var (oneRate, oneBatches) = Measure(lm, prompts, sampling, maxBatch: 1);
        var (batchRate, batches) = Measure(lm, prompts, sampling, maxBatch: 32);
        Console.WriteLine($"model {Path.GetFileName(dir)}, {requests} concurrent requests x {maxTokens} new tokens (greedy)");
        Console.WriteLine($"one-at-a-time: {oneRate,8:F1} req/s in {oneBatches} decode steps");
        Console.WriteLine($"batched (32):  {batchRate,8:F1} req/s in {batches} decode steps");
        Console.WriteLine($"ratio batched / one-at-a-time: {batchRate / oneRate:F2}x");
        return 0;
    }

    private static (double RequestsPerSecond, long Batches) Measure(LanguageModel lm, List<IReadOnlyList<int>> prompts, SamplingOptions sampling, int maxBatch)
    {
        using var backend = new ModelBackend(lm, "bench", maxBatch, maxQueue: prompts.Count);
        var sw = Stopwatch.StartNew();
        var tasks = prompts.Select(p => backend.GenerateAsync(new GenerationRequest([p], sampling, null, LogprobRequest.None), CancellationToken.None)).ToList();
        Task.WaitAll(tasks);
        sw.Stop();
        return (prompts.Count / sw.Elapsed.TotalSeconds, backend.Stats.Steps);
    }

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Directory.Packages.props"))) d = d.Parent;
        return d?.FullName ?? Directory.GetCurrentDirectory();
    }
}
