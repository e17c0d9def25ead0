using Rait.Core;
using Rait.Core.Config;
using Rait.Model;
using Rait.Model.Generation;
using Rait.Tests;
using Rait.Training.Data;
using TorchSharp;

namespace Rait.Training.Tests;

/// <summary>Training with packing = true: it learns, reports what it packed, resumes, and keeps memory flat.</summary>
public sealed class PackedTrainingTests
{
    // batch_size counts packed rows: one row of four facts per micro-batch matches the unpacked test's step size.
    private static TrainConfig Packed(int epochs) => new()
    {
        Mode = TrainMode.Lora, Lora = new() { Rank = 16, Alpha = 32, Dropout = 0 }, Epochs = epochs, BatchSize = 1,
        LearningRate = 5e-3, WarmupRatio = 0.05, Chat = false, MaxLength = 64, CheckpointEvery = 0, Seed = 5, Packing = true,
    };

    [Fact]
    [Trait("Category", "Slow")]
    public void SftWithPacking_LossFalls_AndHeldInFactsAreLearned()
    {
        // Given the eight facts packed into a few 64-token rows
        var outDir = RepoPaths.NewTempDir();
        var result = new SftRecipe(Packed(epochs: 40)).Run(TinyTasks.FixturePath, TinyTasks.FactRows(), outDir);

        // Then packing is reported: 8 rows became fewer, fuller sequences
        result.Packing.ShouldNotBeNull();
        result.Packing.Rows.ShouldBe(8);
        result.Packing.Sequences.ShouldBeLessThan(8);
        result.Packing.FillRatio.ShouldBeGreaterThan(0.5);
        var summary = Rait.Core.Io.Jsonl.Read<TrainSummary>(Path.Combine(outDir, "train_summary.jsonl")).Single();
        summary.Packing.ShouldBe(result.Packing);
        result.Steps.ShouldBe(40 * result.Packing.Sequences);

        // And the loss falls by far, and greedy answers with the saved adapter reproduce the facts
        result.Log[0].Loss.ShouldBeGreaterThan(result.Log[^1].Loss * 4);
        using var lm = LanguageModel.Load(TinyTasks.FixturePath, adapterDir: outDir);
        var prompts = TinyTasks.Facts.Select(f => lm.EncodePrompt(TinyTasks.Prompt(f.Name), chat: false)).ToList();
        var outs = lm.Generate(prompts, new SamplingOptions { Temperature = 0, MaxNewTokens = 4 });
        int correct = TinyTasks.Facts.Where((f, i) => outs[i].Text.Trim().StartsWith(f.Answer)).Count();
        correct.ShouldBeGreaterThanOrEqualTo(7, string.Join(" | ", outs.Select(o => o.Text)));
    }

    [Fact]
    public void PackedTrainer_LiveTensorCount_StaysFlatAcrossSteps()
    {
        var config = Packed(epochs: 6) with { MaxLength = 32, BatchSize = 2 };
        var recipe = new SftRecipe(config);
        using var lm = recipe.LoadForTraining(TinyTasks.FixturePath);
        var tok = new SftTokenizer(lm, false, config.MaxLength, OverlongPolicy.Truncate);
        var data = SequencePacker.Pack(TinyTasks.FactRows().Select(tok.Tokenize).ToList(), config.MaxLength);
        data.Count.ShouldBeGreaterThan(2); // several micro-batches of packed rows with padding
        var counts = new List<long>();
        using var trainer = new Trainer(lm.Model, config, recipe.Trainable(lm), lm.PadId);
        trainer.Run(data, null, progress: new SyncProgress(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount)));
        counts.Count.ShouldBe(6 * (int)Math.Ceiling(data.Count / 2.0));
        counts[^1].ShouldBeLessThanOrEqualTo(counts[2]);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Resume_PackedRunAfterKill_EndsWithSameWeights_ButNotWithPackingSwitchedOff()
    {
        var config = Packed(epochs: 3) with { CheckpointEvery = 2 };
        var rows = TinyTasks.FactRows();

        // Given an uninterrupted packed run
        var full = RepoPaths.NewTempDir();
        new SftRecipe(config).Run(TinyTasks.FixturePath, rows, full);

        // When another packed run is killed after step 3 (checkpoint at 2)
        var killed = RepoPaths.NewTempDir();
        using (var cts = new CancellationTokenSource())
            Should.Throw<OperationCanceledException>(() => new SftRecipe(config).Run(TinyTasks.FixturePath, rows, killed,
                progress: new SyncProgress(p => { if (p.Step == 3) cts.Cancel(); }), ct: cts.Token));

        // Then resuming it without packing is refused (other data), and with packing it ends on the same adapter
        Should.Throw<RaitException>(() => new SftRecipe(config with { Packing = false }).Run(TinyTasks.FixturePath, rows, killed, resume: true))
            .Message.ShouldContain("different data");
        new SftRecipe(config).Run(TinyTasks.FixturePath, rows, killed, resume: true).ResumedFrom.ShouldBe(2);
        TinyTasks.MaxAdapterDifference(full, killed).ShouldBeLessThan(1e-6f);
    }

    [Fact]
    public void GradientFeatures_PackedRow_ClearError()
    {
        // Per-sample gradients (GRAIT) need one sample per row; a packed row must not pass as one sample.
        var recipe = new SftRecipe(Packed(epochs: 1));
        using var lm = recipe.LoadForTraining(TinyTasks.FixturePath);
        var tok = new SftTokenizer(lm, false, 64, OverlongPolicy.Truncate);
        var packed = SequencePacker.Pack(TinyTasks.FactRows().Select(tok.Tokenize).ToList(), 64);
        var extractor = new Gradients.GradientFeatureExtractor(lm.Model, recipe.Trainable(lm), null, new(AdamPreconditioned: false), lm.PadId);
        Should.Throw<RaitException>(() => extractor.Compute(packed)).Message.ShouldContain("is packed");
    }

    [Fact]
    public void Config_PackingKey_ReadFromToml_AndTypeChecked()
    {
        var dir = RepoPaths.NewTempDir();
        var good = Path.Combine(dir, "train.toml");
        File.WriteAllText(good, "packing = true\nmax_length = 128\n");
        ConfigLoader.Load<TrainConfig>(good).Packing.ShouldBeTrue();
        new TrainConfig().Packing.ShouldBeFalse();
        var bad = Path.Combine(dir, "bad.toml");
        File.WriteAllText(bad, "packing = \"yes\"\n");
        Should.Throw<RaitException>(() => ConfigLoader.Load<TrainConfig>(bad)).Message.ShouldContain("packing");
    }
}
