using System.Diagnostics;
using Rait.Pipeline.World;
using Rait.Training;
using Rait.Training.Data;
using Rait.Training.Gradients;
using Rait.World.Config;

namespace Rait.Bench;

/// <summary>
/// GRAIT's per-sample gradient features on the default world model with a rank-8 LoRA: batched passes (a private adapter
/// copy per row, the engine's way) against one backward per sample (the baseline), in one run, on the same rows.
/// Usage: gradients [ROWS] (default 256).
/// </summary>
internal static class GradientBench
{
    public static int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0]) : 256;
        var shape = WorldModelShape.For(WorldSize.Default, 800, 128, 2);
        var (model, trainable) = BenchModels.ForTraining(shape, TrainMode.Lora);
        using var disposeModel = model;
        var rng = new Random(1);
        // Question-answer rows of 24..64 tokens, the loss on the last 4..12 (the answer), as GRAIT's pool rows.
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            int length = rng.Next(24, 65), answer = rng.Next(4, 13);
            var ids = Enumerable.Range(0, length).Select(_ => rng.Next(shape.VocabSize)).ToArray();
            var labels = ids.Select((id, j) => j >= length - answer ? id : TokenizedExample.Ignore).ToArray();
            return new TokenizedExample($"r{i}", ids, labels);
        }).ToList();
        var options = new GradientProjectionOptions(Dimensions: 128, Seed: 1, AdamPreconditioned: false);
        var batched = new GradientFeatureExtractor(model, trainable, null, options, 0);
        // The same parameters under names that are not LoRA factors take the one-backward-per-sample path.
        var single = new GradientFeatureExtractor(model, trainable.Select((p, i) => ($"p{i}", p.P)).ToList(), null, options, 0);
        batched.Compute(rows.Take(16).ToList());
        single.Compute(rows.Take(16).ToList());
        var sw = Stopwatch.StartNew();
        var b = batched.Compute(rows);
        double batchedRate = count / sw.Elapsed.TotalSeconds;
        sw.Restart();
        var s = single.Compute(rows);
        double singleRate = count / sw.Elapsed.TotalSeconds;
        double maxDiff = b.Zip(s, (x, y) => x.Zip(y, (u, v) => Math.Abs(u - v)).Max()).Max();
        Console.WriteLine($"{count} rows, {batched.Dimension:N0} LoRA parameters, d = 128: batched {batchedRate:F1} samples/s, "
            + $"one backward per sample {singleRate:F1} samples/s, ratio {batchedRate / singleRate:F2}x (max feature difference {maxDiff:E1})");
        return 0;
    }
}
