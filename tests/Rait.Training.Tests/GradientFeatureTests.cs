using Rait.Training.Data;
using Rait.Training.Gradients;
using Rait.Tests;
using TorchSharp;

namespace Rait.Training.Tests;

/// <summary>GRAIT's per-sample gradient features: batched passes (a private adapter copy per row) give what one backward
/// per sample gives.</summary>
public sealed class GradientFeatureTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compute_BatchedLoraRows_EqualOneBackwardPerSample(bool adamPreconditioned)
    {
        // Given a LoRA model after a few warm-up steps (B no longer zero, Adam moments filled) and samples of several lengths
        var config = new TrainConfig
        {
            Mode = TrainMode.Lora, Lora = new() { Rank = 4, Alpha = 8, Dropout = 0 }, Epochs = 2, BatchSize = 4,
            LearningRate = 5e-3, WarmupRatio = 0, Chat = false, MaxLength = 64, CheckpointEvery = 0, Seed = 3,
        };
        var recipe = new SftRecipe(config);
        using var lm = recipe.LoadForTraining(TinyTasks.FixturePath);
        var trainable = recipe.Trainable(lm);
        var tok = new SftTokenizer(lm, false, 64, OverlongPolicy.Truncate);
        var rows = TinyTasks.FactRows().Select(tok.Tokenize).ToList();
        using var trainer = new Trainer(lm.Model, config, trainable, lm.PadId);
        trainer.Run(rows, null);
        rows.Select(r => r.InputIds.Length).Distinct().Count().ShouldBeGreaterThan(1); // padding is exercised
        var options = new GradientProjectionOptions(Dimensions: 64, Seed: 9, AdamPreconditioned: adamPreconditioned);

        // When the features are computed batched, and one backward per sample (the same parameters under names that
        // are not LoRA factors, which takes the per-sample path)
        var batched = new GradientFeatureExtractor(lm.Model, trainable, trainer.Optimizer, options, lm.PadId).Compute(rows);
        var renamed = trainable.Select((p, i) => ($"p{i}", p.P)).ToList();
        var single = new GradientFeatureExtractor(lm.Model, renamed, trainer.Optimizer, options, lm.PadId).Compute(rows);

        // Then every feature agrees (unit vectors of 64 entries)
        batched.Length.ShouldBe(rows.Count);
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < 64; j++)
                batched[i][j].ShouldBe(single[i][j], 1e-4, $"sample {i}, entry {j}");
        // and they are real directions (unit length; a zeroed gradient would give 0) that differ between samples
        batched.ShouldAllBe(f => Math.Abs(f.Sum(x => x * x) - 1) < 1e-3);
        batched[0].Zip(batched[1], (a, b) => Math.Abs(a - b)).Max().ShouldBeGreaterThan(1e-2f);
    }

    [Fact]
    public void Compute_Repeated_LiveTensorCountStaysFlat()
    {
        var recipe = new SftRecipe(new TrainConfig { Mode = TrainMode.Lora, Chat = false, MaxLength = 64 });
        using var lm = recipe.LoadForTraining(TinyTasks.FixturePath);
        var tok = new SftTokenizer(lm, false, 64, OverlongPolicy.Truncate);
        var rows = TinyTasks.FactRows().Select(tok.Tokenize).ToList();
        var extractor = new GradientFeatureExtractor(lm.Model, recipe.Trainable(lm), null, new(Dimensions: 16, AdamPreconditioned: false), lm.PadId);
        extractor.Compute(rows);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int r = 0; r < 3; r++) extractor.Compute(rows);
        DisposeScopeManager.Statistics.ThreadTotalLiveCount.ShouldBeLessThanOrEqualTo(before);
    }
}
