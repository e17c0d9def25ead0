using Rait.Model.Llama;
using Rait.Training.Data;
using static TorchSharp.torch;

namespace Rait.Training.Tests;

/// <summary>
/// A packed step is the same step: on a random Llama (GQA, untied head), loss and every gradient of
/// samples packed into shared rows equal those of one sample per row. Any attention across samples,
/// any boundary token trained, or a wrong per-sample mean would break the equality.
/// </summary>
public sealed class PackingParityTests
{
    private const int PadId = 0;

    private static LlamaForCausalLM RandomModel()
    {
        manual_seed(11);
        var m = new LlamaForCausalLM(new LlamaConfig
        {
            HiddenSize = 32, IntermediateSize = 64, NumLayers = 2, NumHeads = 4, NumKvHeads = 2, VocabSize = 97, MaxPositions = 64,
        });
        m.train();
        return m;
    }

    /// <summary>Samples of different lengths, prompt lengths and weights (one answer-only, one weight 0).</summary>
    private static List<TokenizedExample> Samples()
    {
        var rng = new Random(5);
        (int Length, int Prompt, double Weight)[] shape = [(9, 4, 1.0), (5, 2, 0.25), (13, 6, 2.0), (7, 1, 0.5), (4, 0, 1.5), (6, 3, 0.0)];
        return shape.Select((s, i) =>
        {
            var ids = Enumerable.Range(0, s.Length).Select(_ => rng.Next(1, 97)).ToArray();
            return new TokenizedExample($"s{i}", ids, ids.Select((x, j) => j < s.Prompt ? TokenizedExample.Ignore : x).ToArray(), s.Weight);
        }).ToList();
    }

    private static (double Loss, Dictionary<string, Tensor> Grads) Step(LlamaForCausalLM m, IReadOnlyList<TokenizedExample> batch, LossNormalization n, double expectedD)
    {
        m.zero_grad();
        double d = SftStep.Denominator(batch, n);
        d.ShouldBe(expectedD, 1e-12);
        double loss = SftStep.ForwardBackward(m, batch, PadId, d);
        var grads = m.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());
        return (loss, grads);
    }

    [Theory]
    [InlineData(LossNormalization.Count, 64)]      // all six samples in one row
    [InlineData(LossNormalization.WeightSum, 64)]
    [InlineData(LossNormalization.Count, 16)]      // several packed rows of unequal length: padding in the packed batch
    [InlineData(LossNormalization.WeightSum, 16)]
    public void Step_PackedVsUnpacked_SameLossAndGradients(LossNormalization n, int maxLength)
    {
        using var scope = NewDisposeScope();
        using var model = RandomModel();
        var samples = Samples();
        double d = n == LossNormalization.Count ? samples.Count : samples.Sum(x => x.Weight);

        // Given one step over the samples, one per row (plain causal attention)
        var (plainLoss, plainGrads) = Step(model, samples, n, d);

        // When the same samples are packed
        var packed = SequencePacker.Pack(samples, maxLength);
        if (maxLength == 64) packed.Count.ShouldBe(1);
        else packed.Count.ShouldBeGreaterThan(2);
        var (packedLoss, packedGrads) = Step(model, packed, n, d);

        // Then loss and gradients are equal (float32 rounding only)
        packedLoss.ShouldBe(plainLoss, 1e-5);
        plainLoss.ShouldBeGreaterThan(0.5);
        foreach (var (name, g) in plainGrads)
        {
            float scale = Math.Max(1f, g.abs().max().item<float>());
            (packedGrads[name] - g).abs().max().item<float>().ShouldBeLessThan(1e-5f * scale, name);
        }
        // And the gradients are not trivially zero
        plainGrads.Values.Sum(g => g.pow(2).sum().item<float>()).ShouldBeGreaterThan(1e-4f);
    }

    [Fact]
    public void PackedRow_WithoutBlockMask_LeaksAcrossSamples()
    {
        // Shows the parity test can fail: plain causal attention over a packed row lets later samples see
        // earlier ones, which changes the loss.
        using var scope = NewDisposeScope();
        using var model = RandomModel();
        using var noGrad = no_grad();
        var packed = SequencePacker.Pack(Samples(), 64);
        var p = PackedBatchTensors.Build(packed, PadId, CPU);
        var masked = model.call(new ForwardInput(p.Ids, p.PositionIds, p.Mask));
        var leaky = model.call(new ForwardInput(p.Ids, p.PositionIds));
        var (a, _) = WeightedCausalLoss.Compute(masked, p.Labels, p.SampleIndex, p.SampleWeights, 6);
        var (b, _) = WeightedCausalLoss.Compute(leaky, p.Labels, p.SampleIndex, p.SampleWeights, 6);
        Math.Abs(a.item<float>() - b.item<float>()).ShouldBeGreaterThan(1e-3f);
    }
}
