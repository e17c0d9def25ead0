using Rait.Pipeline.World;
using Rait.Tests;
using Rait.World.Config;
using Rait.World.Store;

namespace Rait.Pipeline.Tests.World;

/// <summary>World pretraining is deterministic: same world and seed, same accuracy table and loss.</summary>
public sealed class WorldPretrainerTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Pretrain_SameSeedTwice_SameAccuracyTable()
    {
        // Given the tiny world and a short pretraining plan (enough for the model to learn something)
        var dir = RepoPaths.NewTempDir("rait-world-det");
        var world = WorldStore.Save(WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Tiny, 3)), Path.Combine(dir, "world"));
        var options = new WorldPretrainOptions { Epochs = 12, Seed = 5 };

        // When it is pretrained twice into different folders
        var first = new WorldPretrainer(options).Run(world, Path.Combine(dir, "a"));
        var second = new WorldPretrainer(options).Run(world, Path.Combine(dir, "b"));

        // Then the loss and every bucket of the knowledge-boundary table agree
        second.FinalLoss.ShouldBe(first.FinalLoss, 1e-4);
        second.IdTest.Select(b => (b.Bucket, b.Questions, b.Correct)).ShouldBe(first.IdTest.Select(b => (b.Bucket, b.Questions, b.Correct)));
        second.Train.Select(b => (b.Bucket, b.Questions, b.Correct)).ShouldBe(first.Train.Select(b => (b.Bucket, b.Questions, b.Correct)));
        // and the chance level of the unseen facts is a real probability (1 / values of the asked attribute)
        first.ChanceUnseen.ShouldBeInRange(0.01, 0.5);
        first.Steps.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void NewModel_IgnoresTheProcessGenerator()
    {
        // Given a small Llama shape
        var shape = new Rait.Model.Llama.LlamaConfig { VocabSize = 64, HiddenSize = 16, IntermediateSize = 32, NumLayers = 2,
            NumHeads = 2, NumKvHeads = 1, HeadDim = 8, MaxPositions = 32 };

        // When two models are initialised with the same seed, the second while another thread keeps drawing from
        // libtorch's process-wide generator
        using var a = WorldPretrainer.NewModel(shape, 7);
        Rait.Model.Llama.LlamaForCausalLM b;
        using (var noise = new BackgroundLoop(() => TorchSharp.torch.rand(16).Dispose()))
            b = WorldPretrainer.NewModel(shape, 7);
        using var disposeB = b;

        // Then every weight is identical: the seed alone decides the initialisation
        var pb = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in a.named_parameters())
            p.allclose(pb[name], rtol: 0, atol: 0).ShouldBeTrue(name);
    }

    [Fact]
    public void Pretrain_WeightDecayOutOfRange_ClearErrorAndNothingWritten()
    {
        var dir = RepoPaths.NewTempDir("rait-world-wd");
        var world = WorldStore.Save(WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Tiny, 1)), Path.Combine(dir, "world"));
        var modelDir = Path.Combine(dir, "model");

        var error = Should.Throw<Rait.Core.RaitException>(() => new WorldPretrainer(new WorldPretrainOptions { WeightDecay = 2 }).Run(world, modelDir));

        error.Message.ShouldContain("weight decay");
        Directory.Exists(modelDir).ShouldBeFalse();
    }
}
