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
}
