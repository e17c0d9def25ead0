using System.Diagnostics;
using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Pipeline.World;
using Rait.Training;
using Rait.Training.Data;
using Rait.World.Config;
using static TorchSharp.torch;

namespace Rait.Bench;

/// <summary>
/// SFT on rows of mixed length (16..128 tokens, answer = second half), LoRA r=8 on the world model:
/// one epoch padded to the longest row of each batch vs packed into 128-token sequences. Prints samples/s
/// and the ratio; the loss of both is the same per-sample mean (see the packing parity tests).
/// </summary>
internal static class PackingBench
{
    private const int Samples = 512, MaxLength = 128, Batch = 16;

    public static int Run(string[] args)
    {
        var shape = WorldModelShape.For(WorldSize.Default, 800, MaxLength, 2);
        var rng = new Random(7);
        var data = Enumerable.Range(0, Samples).Select(i =>
        {
            int n = rng.Next(16, MaxLength + 1);
            var ids = Enumerable.Range(0, n).Select(_ => rng.Next(shape.VocabSize)).ToArray();
            return new TokenizedExample($"s{i}", ids, ids.Select((id, j) => j < n / 2 ? TokenizedExample.Ignore : id).ToArray());
        }).ToList();
        var packed = SequencePacker.Pack(data, MaxLength);
        double padded = SamplesPerSecond(shape, data);
        double pack = SamplesPerSecond(shape, packed);
        Console.WriteLine($"{Samples} rows of 16..{MaxLength} tokens → {packed.Count} packed sequences ({SequencePacker.FillRatio(packed, MaxLength):P0} full)");
        Console.WriteLine($"padded: {padded,7:F1} samples/s   packed: {pack,7:F1} samples/s   packed/padded: {pack / padded:F2}");
        return 0;
    }

    private static double SamplesPerSecond(LlamaConfig shape, List<TokenizedExample> rows)
    {
        var (model, trainable) = BenchModels.ForTraining(shape, TrainMode.Lora);
        using var disposeModel = model;
        var config = new TrainConfig { Mode = TrainMode.Lora, Lora = BenchModels.Lora, Epochs = 1, BatchSize = Batch, CheckpointEvery = 0, MaxLength = MaxLength, LearningRate = 1e-4 };
        using var trainer = new Trainer(model, config, trainable, 0);
        var clock = Stopwatch.StartNew();
        trainer.Run(rows, null);
        return Samples / clock.Elapsed.TotalSeconds;
    }
}
