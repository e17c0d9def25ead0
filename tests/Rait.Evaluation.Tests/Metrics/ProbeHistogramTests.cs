using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Tests.Metrics;

public class ProbeHistogramTests
{
    [Fact]
    public void Of_BinsMuAndSigma_AndCountsThePartiallyKnown()
    {
        // 5 bins of width 0.2. μ: 0 → bin 0, 0.1 → 0, 0.2 → 1 (edge starts its bin), 0.5 → 2, 0.9 → 4, 1 → 4 (last bin closed).
        // σ: 1, 0.3, 0.2, 0.6, −1 (none), 0.99. Partially known (0.1 ≤ μ ≤ 0.9): 0.1, 0.2, 0.5, 0.9 → 4 of 6.
        var h = ProbeHistogram.Of([(0, 1), (0.1, 0.3), (0.2, 0.2), (0.5, 0.6), (0.9, -1), (1, 0.99)], bins: 5);
        h.Edges.ShouldBe([0, 0.2, 0.4, 0.6, 0.8, 1.0], tolerance: 1e-12);
        h.MuCounts.ShouldBe([2, 1, 1, 0, 2]);
        h.SigmaCounts.ShouldBe([0, 2, 0, 1, 2]);
        h.N.ShouldBe(6);
        h.PartialShare.ShouldBe(4.0 / 6, 1e-12);
    }

    [Fact]
    public void Of_Empty_HasNaNShare()
    {
        var h = ProbeHistogram.Of([], 10);
        h.N.ShouldBe(0);
        h.MuCounts.Sum().ShouldBe(0);
        double.IsNaN(h.PartialShare).ShouldBeTrue();
    }

    [Fact]
    public void Of_MuOutOfRange_Throws()
    {
        Should.Throw<ArgumentException>(() => ProbeHistogram.Of([(1.2, 0.5)], 10)).Message.ShouldContain("1.2");
        Should.Throw<ArgumentOutOfRangeException>(() => ProbeHistogram.Of([(0.5, 0.5)], 0));
    }
}
