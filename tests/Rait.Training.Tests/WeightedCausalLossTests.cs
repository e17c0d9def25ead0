using Rait.Training.Data;
using static TorchSharp.torch;

namespace Rait.Training.Tests;

/// <summary>The packed loss groups tokens by sample and gives the same Σ w_i·CE_i / D as separate rows.</summary>
public sealed class WeightedCausalLossTests
{
    [Fact]
    public void Compute_SamplesConcatenatedInOneRow_EqualsSeparateRows()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        // Given three samples of 4, 6 and 3 tokens (prompts masked) with logits computed separately
        int[] lengths = [4, 6, 3];
        long[][] labels = [[-100, -100, 7, 2], [-100, 5, 5, 1, -100, 9], [-100, 8, 4]];
        float[] w = [1.0f, 0.25f, 3.0f];
        var logits = lengths.Select(n => randn(1, n, 11)).ToList();
        double d = 2.5;

        // When they are right-padded into a batch of rows
        var padded = cat(logits.Select(l => nn.functional.pad(l, [0, 0, 0, 6 - l.shape[1]])).ToList(), 0);    // [3, 6, 11]
        var rowLabels = tensor(labels.SelectMany(l => l.Concat(Enumerable.Repeat(-100L, 6 - l.Length))).ToArray()).view(3, 6);
        var (rowLoss, rowPer) = WeightedCausalLoss.Compute(padded, rowLabels, tensor(w), d);

        // And when they are concatenated into one row (each segment's first label ignored, 2 pad tokens)
        var joined = nn.functional.pad(cat(logits, 1), [0, 0, 0, 2]);                                         // [1, 15, 11]
        var joinedLabels = tensor(labels.SelectMany(l => l).Concat([-100L, -100]).ToArray()).view(1, 15);
        var sample = tensor(lengths.SelectMany((n, i) => Enumerable.Repeat((long)i, n)).Concat([-1L, -1]).ToArray()).view(1, 15);
        var (packedLoss, packedPer) = WeightedCausalLoss.Compute(joined, joinedLabels, sample, tensor(w), d);

        // Then per-sample mean CE and the weighted loss agree
        (packedPer - rowPer).abs().max().item<float>().ShouldBeLessThan(1e-6f);
        packedLoss.item<float>().ShouldBe(rowLoss.item<float>(), 1e-6);
        rowLoss.item<float>().ShouldBeGreaterThan(0.1f);
    }
}
