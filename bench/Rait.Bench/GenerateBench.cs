using System.Diagnostics;
using Rait.Model;
using Rait.Model.Generation;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Bench;

/// <summary>
/// Issue 2's engine figures, measured in one run: the matmul ceiling, generation tokens/s at batch 1 and
/// 32 with the KV cache vs uncached decoding (the whole sequence re-run every step) on the same model,
/// and prompt-scoring throughput. Usage: generate [MODEL_DIR] (default: the TinyStories fixture).
/// </summary>
internal static class GenerateBench
{
    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "fixtures", "tinystories-656k");
        Console.WriteLine($"matmul peak: fp32 {MatmulPeak.Gflops(ScalarType.Float32):F0} GFLOP/s, bf16 {MatmulPeak.Gflops(ScalarType.BFloat16):F0} GFLOP/s (threads {get_num_threads()})");
        using var lm = LanguageModel.Load(dir);
        var prompt = lm.Tokenizer.Encode("Once upon a time, there was a little");
        const int newTokens = 64;
        foreach (int batch in new[] { 1, 32 })
        {
            var prompts = Enumerable.Repeat((IReadOnlyList<int>)prompt, batch).ToList();
            var o = new SamplingOptions { Temperature = 0, MaxNewTokens = newTokens, StopTokenIds = [-1] };
            lm.Generate(prompts, o with { MaxNewTokens = 4 });
            var sw = Stopwatch.StartNew();
            lm.Generate(prompts, o);
            double cached = batch * newTokens / sw.Elapsed.TotalSeconds;
            sw.Restart();
            Uncached(lm.Model, prompts, newTokens);
            double uncached = batch * newTokens / sw.Elapsed.TotalSeconds;
            Console.WriteLine($"generation batch {batch,2}: KV cache {cached,8:F0} tok/s, uncached {uncached,8:F0} tok/s, ratio {cached / uncached:F1}x");
        }
        var items = Enumerable.Range(0, 256).Select(i => ((IReadOnlyList<int>)prompt, (IReadOnlyList<int>)lm.Tokenizer.Encode(" girl named Lily who loved to play", false))).ToList();
        lm.Scorer.Score(items.Take(8).ToList());
        var s = Stopwatch.StartNew();
        lm.Scorer.Score(items);
        Console.WriteLine($"prompt scoring: {items.Count / s.Elapsed.TotalSeconds:F0} continuations/s ({items.Sum(x => x.Item1.Count + x.Item2.Count) / s.Elapsed.TotalSeconds:F0} tok/s)");
        return 0;
    }

    /// <summary>Greedy decoding without a cache: every step re-runs the full sequence (the baseline).</summary>
    private static void Uncached(LlamaForCausalLM model, IReadOnlyList<IReadOnlyList<int>> prompts, int newTokens)
    {
        using var noGrad = no_grad();
        var ids = tensor(prompts.SelectMany(p => p.Select(x => (long)x)).ToArray()).view(prompts.Count, prompts[0].Count).DetachFromDisposeScope();
        for (int t = 0; t < newTokens; t++)
        {
            using var scope = NewDisposeScope();
            var next = model.call(new ForwardInput(ids, LastOnly: true)).squeeze(1).argmax(-1).unsqueeze(1);
            var grown = cat([ids, next], 1).DetachFromDisposeScope();
            ids.Dispose();
            ids = grown;
        }
        ids.Dispose();
    }
}
