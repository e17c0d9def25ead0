using Rait.Core;
using Rait.Core.Records;
using Rait.Model;
using Rait.Model.Generation;
using Rait.Model.Lora;
using Rait.Tests;
using Rait.Training.Data;
using TorchSharp;

namespace Rait.Training.Tests;

/// <summary>The trainer learns, honours sample weights, resumes exactly and keeps memory flat.</summary>
public sealed class TrainerTests
{
    private static TrainConfig Lora(int epochs = 25) => new()
    {
        Mode = TrainMode.Lora, Lora = new() { Rank = 16, Alpha = 32, Dropout = 0 }, Epochs = epochs, BatchSize = 4,
        LearningRate = 5e-3, WarmupRatio = 0.05, Chat = false, MaxLength = 64, CheckpointEvery = 0, Seed = 5,
    };

    [Fact]
    [Trait("Category", "Slow")]
    public void Sft_LossFalls_AndHeldInFactsAreLearned()
    {
        // Given eight arbitrary name → object facts the base model does not know
        var outDir = RepoPaths.NewTempDir();
        var result = new SftRecipe(Lora(epochs: 40)).Run(TinyTasks.FixturePath, TinyTasks.FactRows(), outDir);

        // Then the loss falls by far
        result.Log[0].Loss.ShouldBeGreaterThan(result.Log[^1].Loss * 4);

        // And greedy answers with the saved adapter reproduce the facts
        using var lm = LanguageModel.Load(TinyTasks.FixturePath, adapterDir: outDir);
        var prompts = TinyTasks.Facts.Select(f => lm.EncodePrompt(TinyTasks.Prompt(f.Name), chat: false)).ToList();
        var outs = lm.Generate(prompts, new SamplingOptions { Temperature = 0, MaxNewTokens = 4 });
        int correct = TinyTasks.Facts.Where((f, i) => outs[i].Text.Trim().StartsWith(f.Answer)).Count();
        correct.ShouldBeGreaterThanOrEqualTo(7, string.Join(" | ", outs.Select(o => o.Text)));
        File.Exists(Path.Combine(outDir, "train_log.jsonl")).ShouldBeTrue();
        File.Exists(Path.Combine(outDir, "adapter_model.safetensors")).ShouldBeTrue();
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(4.0, 1.0)]
    [InlineData(1.0, 4.0)]
    public void SampleWeights_ShiftModelTowardUpweightedClass(double wCake, double wFish)
    {
        // Given the same prompts labelled half "cake", half "fish", weighted per class
        var rows = Enumerable.Range(0, 16).Select(i => new SftExample
        {
            Id = $"r{i}", Prompt = TinyTasks.Prompt(TinyTasks.Facts[i % 8].Name),
            Answer = i < 8 ? "cake" : "fish", Weight = i < 8 ? wCake : wFish,
        }).ToList();
        var outDir = RepoPaths.NewTempDir();
        new SftRecipe(Lora(epochs: 6) with { Normalization = LossNormalization.Count, LearningRate = 2e-3 }).Run(TinyTasks.FixturePath, rows, outDir);

        // Then the model prefers the up-weighted answer on average
        using var lm = LanguageModel.Load(TinyTasks.FixturePath, adapterDir: outDir);
        var cake = lm.Tokenizer.Encode("cake", false);
        var fish = lm.Tokenizer.Encode("fish", false);
        double diff = TinyTasks.Facts.Average(f =>
        {
            var p = lm.EncodePrompt(TinyTasks.Prompt(f.Name), chat: false);
            var s = lm.Scorer.Score([(p, cake), (p, fish)]);
            return s[0].Sum - s[1].Sum;
        });
        if (wCake > wFish) diff.ShouldBeGreaterThan(0.5);
        else diff.ShouldBeLessThan(-0.5);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Resume_AfterKill_EndsWithSameWeightsAsUninterrupted()
    {
        var config = Lora(epochs: 3) with { CheckpointEvery = 2, Lora = new() { Rank = 4, Alpha = 8, Dropout = 0.1 } };
        var rows = TinyTasks.FactRows();

        // Given an uninterrupted run
        var full = RepoPaths.NewTempDir();
        new SftRecipe(config).Run(TinyTasks.FixturePath, rows, full);

        // When another run is killed after step 3 (checkpoint at 2) and resumed
        var killed = RepoPaths.NewTempDir();
        using (var cts = new CancellationTokenSource())
        {
            var progress = new SyncProgress(p => { if (p.Step == 3) cts.Cancel(); });
            Should.Throw<OperationCanceledException>(() => new SftRecipe(config).Run(TinyTasks.FixturePath, rows, killed, progress: progress, ct: cts.Token));
        }
        File.Exists(Path.Combine(killed, "adapter_model.safetensors")).ShouldBeFalse();
        var resumed = new SftRecipe(config).Run(TinyTasks.FixturePath, rows, killed, resume: true);

        // Then it continued from step 2 and the final adapters are identical
        resumed.ResumedFrom.ShouldBe(2);
        TinyTasks.MaxAdapterDifference(full, killed).ShouldBeLessThan(1e-6f);
        Jsonl(killed).Select(l => l.Step).ShouldBe(Enumerable.Range(1, resumed.Steps));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Run_OtherDrawsFromTheProcessGenerator_SameAdapters()
    {
        // Given a LoRA run with dropout, trained once undisturbed
        var config = Lora(epochs: 2) with { Lora = new() { Rank = 4, Alpha = 8, Dropout = 0.3 } };
        var rows = TinyTasks.FactRows();
        var quiet = RepoPaths.NewTempDir();
        new SftRecipe(config).Run(TinyTasks.FixturePath, rows, quiet);

        // When the same run is repeated while another thread keeps drawing from libtorch's process-wide generator
        // (as a test running beside it or a server request would)
        var busy = RepoPaths.NewTempDir();
        using (var noise = new BackgroundLoop(() => torch.rand(16).Dispose()))
        {
            new SftRecipe(config).Run(TinyTasks.FixturePath, rows, busy);
            noise.Iterations.ShouldBeGreaterThan(1);
        }

        // Then the starting adapters and the dropout masks were the run's own: the adapters are bit-identical
        TinyTasks.MaxAdapterDifference(quiet, busy).ShouldBe(0f);
    }

    [Fact]
    public void CorruptCheckpoint_OnResume_ClearError()
    {
        var config = Lora(epochs: 1) with { CheckpointEvery = 1 };
        var dir = RepoPaths.NewTempDir();
        using (var cts = new CancellationTokenSource())
            Should.Throw<OperationCanceledException>(() => new SftRecipe(config).Run(TinyTasks.FixturePath, TinyTasks.FactRows(), dir,
                progress: new SyncProgress(p => { if (p.Step == 1) cts.Cancel(); }), ct: cts.Token));
        var state = Directory.GetFiles(Path.Combine(dir, "checkpoints"), "state.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(state, "{ not json");
        var e = Should.Throw<RaitException>(() => new SftRecipe(config).Run(TinyTasks.FixturePath, TinyTasks.FactRows(), dir, resume: true));
        e.Message.ShouldContain("state.json");
        e.Message.ShouldContain("corrupt");
    }

    [Fact]
    public void Trainer_LiveTensorCount_StaysFlatAcrossSteps()
    {
        var recipe = new SftRecipe(Lora(epochs: 8));
        using var lm = recipe.LoadForTraining(TinyTasks.FixturePath);
        var tok = new SftTokenizer(lm, false, 64, OverlongPolicy.Truncate);
        var data = TinyTasks.FactRows().Select(tok.Tokenize).ToList();
        var counts = new List<long>();
        using var trainer = new Trainer(lm.Model, Lora(epochs: 8), recipe.Trainable(lm), lm.PadId);
        trainer.Run(data, null, progress: new SyncProgress(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount)));
        counts.Count.ShouldBe(16);
        counts[^1].ShouldBeLessThanOrEqualTo(counts[2]);
    }

    [Fact]
    public void NonFiniteLoss_StopsWithClearError()
    {
        var recipe = new SftRecipe(Lora(epochs: 1));
        using var lm = recipe.LoadForTraining(TinyTasks.FixturePath);
        var tok = new SftTokenizer(lm, false, 64, OverlongPolicy.Truncate);
        var data = TinyTasks.FactRows().Select(tok.Tokenize).Select((x, i) => i == 0 ? x with { Weight = double.PositiveInfinity } : x).ToList();
        using var trainer = new Trainer(lm.Model, Lora(epochs: 1) with { Normalization = LossNormalization.Count }, recipe.Trainable(lm), lm.PadId);
        var e = Should.Throw<RaitException>(() => trainer.Run(data, null));
        e.Message.ShouldContain("diverged at step");
        e.Message.ShouldContain("Infinity");
    }

    [Fact]
    public void BadInput_EmptyData_OverlongReject_BadWeight()
    {
        Should.Throw<RaitException>(() => new SftRecipe(Lora()).Run(TinyTasks.FixturePath, [], RepoPaths.NewTempDir())).Message.ShouldContain("empty");
        var longRow = new SftExample { Id = "long", Prompt = string.Join(" ", Enumerable.Repeat("the big dog", 40)), Answer = "yes" };
        Should.Throw<RaitException>(() => new SftRecipe(Lora() with { Overlong = OverlongPolicy.Reject }).Run(TinyTasks.FixturePath, [longRow], RepoPaths.NewTempDir()))
            .Message.ShouldContain("exceed max_length");
        var bad = TinyTasks.FactRows()[0] with { Weight = -1 };
        Should.Throw<RaitException>(() => new SftRecipe(Lora()).Run(TinyTasks.FixturePath, [bad], RepoPaths.NewTempDir())).Message.ShouldContain("weight");
    }

    private static List<TrainStepLog> Jsonl(string dir) => Rait.Core.Io.Jsonl.Read<TrainStepLog>(Path.Combine(dir, "train_log.jsonl"));
}
