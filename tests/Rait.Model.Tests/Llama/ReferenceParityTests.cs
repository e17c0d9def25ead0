using Rait.Model.Checkpoints;
using Rait.Model.Llama;
using Rait.Tests;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Llama;

/// <summary>The engine's logits agree with the plain-C# double-precision reference to 1e-4.</summary>
public sealed class ReferenceParityTests
{
    private static readonly int[] Tokens = [1, 80, 147, 201, 282, 57, 9, 33, 12];

    [Fact]
    public void TinyStories_LogitsMatchReference()
    {
        using var model = HfModelLoader.Load(RepoPaths.Fixture("tinystories-656k"));
        MaxDifference(model, Tokens).ShouldBeLessThan(1e-4);
    }

    [Theory]
    [InlineData(ModelFamily.Qwen2)]
    [InlineData(ModelFamily.Qwen3)]
    [InlineData(ModelFamily.Mistral)]
    [InlineData(ModelFamily.Llama)]
    public void RandomFamily_SavedAndReloaded_LogitsMatchReference(ModelFamily family)
    {
        // Given a random model of the family, saved as an HF folder and loaded back through the normal loader
        var dir = RepoPaths.NewTempDir();
        using (var built = ModelFactory.Random(ModelFactory.Tiny(family), seed: 7))
            HfCheckpoint.Save(built, dir);
        using var model = HfModelLoader.Load(dir);

        // Then its logits equal the reference's
        MaxDifference(model, [3, 17, 42, 5, 60, 0, 11]).ShouldBeLessThan(1e-4);
        model.Config.Family.ShouldBe(family);
    }

    private static double MaxDifference(LlamaForCausalLM model, int[] ids)
    {
        var reference = new ReferenceLlama(model.Config, ModelFactory.Weights(model)).Forward(ids);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.call(new ForwardInput(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0)));
        var got = logits[0].data<float>().ToArray();
        int v = model.Config.VocabSize;
        double max = 0;
        for (int t = 0; t < ids.Length; t++)
            for (int j = 0; j < v; j++)
                max = Math.Max(max, Math.Abs(got[t * v + j] - reference[t][j]));
        return max;
    }
}
