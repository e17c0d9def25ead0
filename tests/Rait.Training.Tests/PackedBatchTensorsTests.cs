using Rait.Training.Data;
using static TorchSharp.torch;

namespace Rait.Training.Tests;

/// <summary>Positions, sample indices and the block-diagonal causal mask of packed micro-batches.</summary>
public sealed class PackedBatchTensorsTests
{
    private static long[] Row(Tensor t, int b) => t[b].data<long>().ToArray();

    // Row 0 packs samples of 3 and 2 tokens; row 1 is a plain 4-token row (padded to 5).
    private static readonly TokenizedExample[] Batch =
    [
        new("pack-0", [11, 12, 13, 21, 22], [-100, 12, 13, -100, 22], 1.5)
        {
            Segments = [new PackSegment(0, 3, 0.5, "a"), new PackSegment(3, 2, 1.0, "b")],
        },
        new("c", [31, 32, 33, 34], [-100, -100, 33, 34], 2.0),
    ];

    [Fact]
    public void Build_PackedAndPlainRows_PositionsRestartPerSegment()
    {
        using var scope = NewDisposeScope();
        var p = PackedBatchTensors.Build(Batch, padId: 0, CPU);

        Row(p.Ids, 1).ShouldBe([31L, 32, 33, 34, 0]);
        Row(p.Labels, 1).ShouldBe([-100L, -100, 33, 34, -100]);
        Row(p.PositionIds, 0).ShouldBe([0L, 1, 2, 0, 1]);
        Row(p.PositionIds, 1).ShouldBe([0L, 1, 2, 3, 0]);
        Row(p.SampleIndex, 0).ShouldBe([0L, 0, 0, 1, 1]);
        Row(p.SampleIndex, 1).ShouldBe([2L, 2, 2, 2, -1]);
        p.SampleWeights.data<float>().ToArray().ShouldBe([0.5f, 1.0f, 2.0f]);
    }

    [Fact]
    public void Build_Mask_IsBlockDiagonalCausal_AndPaddingSeesItself()
    {
        using var scope = NewDisposeScope();
        var p = PackedBatchTensors.Build(Batch, padId: 0, CPU);
        p.Mask.shape.ShouldBe([2L, 1, 5, 5]);
        var mask = p.Mask.data<bool>().ToArray();
        for (int b = 0; b < 2; b++)
        {
            var sample = Row(p.SampleIndex, b);
            for (int q = 0; q < 5; q++)
                for (int k = 0; k < 5; k++)
                {
                    bool expected = q == k || (sample[q] >= 0 && sample[k] == sample[q] && k <= q);
                    mask[(b * 5 + q) * 5 + k].ShouldBe(expected, $"row {b}, query {q}, key {k}");
                }
        }
        // The second segment's first token sees only itself, not the first segment
        Enumerable.Range(0, 5).Select(k => mask[3 * 5 + k]).ShouldBe([false, false, false, true, false]);
    }
}
