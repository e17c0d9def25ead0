using System.Diagnostics;
using Rait.Core.Records;
using Rait.Model;
using Rait.Model.Llama;
using Rait.Probing;
using Rait.Probing.Backends;
using static TorchSharp.torch;

namespace Rait.Bench;

/// <summary>
/// `probe [MODEL_DIR] [QUESTIONS]`: questions/s of 10-sample probing (greedy + 10 samples, 50 new tokens),
/// the batched cached path (KnowledgeProber on the engine) against one question at a time without a
/// KV cache (every token re-runs the whole sequence). Both stop at EOS or a newline. Prints the ratio.
/// </summary>
internal static class ProbeBench
{
    private const int Samples = 10, MaxNew = 50;

    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : DefaultModel();
        int questions = args.Length > 1 ? int.Parse(args[1]) : 32;
        using var lm = LanguageModel.Load(dir);
        var items = Enumerable.Range(0, questions).Select(i => new ProbeItem(new QaItem
        {
            Id = $"b{i}", Question = Openings[i % Openings.Length] + (i >= Openings.Length ? $" {i}" : ""), Answers = ["Lily"],
        })).ToList();
        var config = new ProbeConfig { Samples = Samples, MaxNewTokens = MaxNew, BatchSize = 16, Chat = false, Prompt = PromptStyle.Custom, CustomTemplate = "{question}", FewShot = [] };

        using var backend = new EngineBackend(lm);
        var prober = new KnowledgeProber(backend, config);
        prober.ProbeBatchAsync(items.Take(2).ToList(), "warmup").GetAwaiter().GetResult();
        var sw = Stopwatch.StartNew();
        foreach (var batch in items.Chunk(config.BatchSize)) prober.ProbeBatchAsync(batch, "bench").GetAwaiter().GetResult();
        double batched = questions / sw.Elapsed.TotalSeconds;

        int naiveQuestions = Math.Max(1, questions / 8);
        sw.Restart();
        long tokens = 0;
        for (int i = 0; i < naiveQuestions; i++) tokens += Uncached(lm, items[i].Open!.Question, seed: i);
        double naive = naiveQuestions / sw.Elapsed.TotalSeconds;

        Console.WriteLine($"model {dir}: {Samples} samples + greedy, max {MaxNew} new tokens, threads {get_num_threads()}");
        Console.WriteLine($"batched (cache, batch {config.BatchSize}): {questions} questions, {batched:0.00} questions/s");
        Console.WriteLine($"uncached one-at-a-time: {naiveQuestions} questions ({tokens} tokens), {naive:0.00} questions/s");
        Console.WriteLine($"ratio batched / uncached: {batched / naive:0.0}x");
        return 0;
    }

    /// <summary>Greedy + N samples for one question, each token a full forward over the growing sequence.</summary>
    private static long Uncached(LanguageModel lm, string prompt, int seed)
    {
        var ids = lm.EncodePrompt(prompt, chat: false);
        using var noGrad = no_grad();
        using var rng = new TorchSharp.torch.Generator((ulong)seed);
        long tokens = 0;
        for (int s = 0; s <= Samples; s++)
        {
            var seq = ids.ToList();
            for (int t = 0; t < MaxNew; t++)
            {
                using var scope = NewDisposeScope();
                var logits = lm.Model.call(new ForwardInput(tensor(seq.Select(x => (long)x).ToArray()).view(1, seq.Count), LastOnly: true)).squeeze(1); // [1, V]
                var next = s == 0 ? logits.argmax(-1) : logits.softmax(-1).multinomial(1, false, rng).squeeze(-1);
                int id = (int)next.item<long>();
                tokens++;
                if (lm.StopTokenIds.Contains(id)) break;
                seq.Add(id);
                if (lm.Tokenizer.Decode(seq.Skip(ids.Count)).Contains('\n')) break;
            }
        }
        return tokens;
    }

    private static readonly string[] Openings =
    [
        "Once upon a time, there was a little girl named", "One day, Tom went to the", "The sun was shining and the birds were",
        "Lily and her mom went to the", "Ben had a big red", "The cat saw a", "Sue wanted to play with her", "The little dog ran to the",
    ];

    private static string DefaultModel()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Directory.Packages.props"))) d = d.Parent;
        return Path.GetFullPath(Path.Combine(d?.FullName ?? ".", "..", "shared", "fixtures", "tinystories-656k"));
    }
}
