using Rait.Tests;

namespace Rait.Training.Tests;

/// <summary>Unpacked training is unchanged by packing support: the losses of a short weighted run (dropout on,
/// count normalisation) match a recording.</summary>
public sealed class UnpackedRecordingTests
{
    [Fact]
    public void Sft_Unpacked_LossesMatchRecording()
    {
        var config = new TrainConfig
        {
            Mode = TrainMode.Lora, Lora = new() { Rank = 8, Alpha = 16, Dropout = 0.1 }, Epochs = 2, BatchSize = 4,
            LearningRate = 1e-3, WarmupRatio = 0, Chat = false, MaxLength = 64, CheckpointEvery = 0, Seed = 7,
            Normalization = LossNormalization.Count,
        };
        var rows = TinyTasks.FactRows().Select((r, i) => r with { Weight = 0.5 + i % 3 }).ToList();
        var result = new SftRecipe(config).Run(TinyTasks.FixturePath, rows, RepoPaths.NewTempDir());
        var losses = result.Log.Select(l => l.Loss).ToArray();
        // Recorded when packing came in (bit-identical then), and again when adapters and dropout masks moved to the run's
        // own generators (step 1 unchanged: B = 0 hides A and the mask); the tolerance only absorbs other CPUs' rounding.
        double[] recorded = [15.598735809326172, 24.650821685791016, 17.961137771606445, 21.582977294921875];
        losses.Length.ShouldBe(recorded.Length);
        for (int i = 0; i < recorded.Length; i++) losses[i].ShouldBe(recorded[i], 1e-4, $"step {i + 1}");
    }
}
