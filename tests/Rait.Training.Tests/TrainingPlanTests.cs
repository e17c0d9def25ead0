using Rait.Training.Data;

namespace Rait.Training.Tests;

/// <summary>The data fingerprint a checkpoint is bound to.</summary>
public sealed class TrainingPlanTests
{
    private static TokenizedExample Row(string id, int[] ids, double w) =>
        new(id, ids, ids.Select((x, i) => i < 2 ? TokenizedExample.Ignore : x).ToArray(), w);

    [Fact]
    public void Fingerprint_UnpackedRows_UnchangedByPacking()
    {
        // Checkpoints written before packing existed must still resume: the hash of plain rows is pinned.
        var rows = new[] { Row("a", [1, 2, 3, 4], 1.0), Row("b", [5, 6, 7], 0.5) };
        TrainingPlan.Fingerprint(rows).ShouldBe("0c28969a2005b7c6");
    }

    [Fact]
    public void Fingerprint_PackedRows_DependOnSegmentBoundsAndWeights()
    {
        // Given the same tokens, labels and total weight, split or weighted differently
        int[] ids = [1, 2, 3, 4, 5, 6];
        int[] labels = [-100, 2, 3, -100, 5, 6];
        TokenizedExample Packed(int cut, double w0) => new("p", ids, labels, 2.0)
        {
            Segments = [new PackSegment(0, cut, w0, "a"), new PackSegment(cut, ids.Length - cut, 2.0 - w0, "b")],
        };

        // Then each difference changes the fingerprint, so a checkpoint never resumes onto other packs
        var baseline = TrainingPlan.Fingerprint([Packed(3, 1.0)]);
        TrainingPlan.Fingerprint([Packed(3, 1.0)]).ShouldBe(baseline);
        TrainingPlan.Fingerprint([Packed(4, 1.0)]).ShouldNotBe(baseline);
        TrainingPlan.Fingerprint([Packed(3, 0.5)]).ShouldNotBe(baseline);
        TrainingPlan.Fingerprint([new TokenizedExample("p", ids, labels, 2.0)]).ShouldNotBe(baseline);
    }
}
