using Rait.Pipeline.World;

namespace Rait.Pipeline.Tests.World;

public sealed class ProbedKnowledgeTests
{
    [Fact]
    public void Tenths_MultiplesOfOneTenth_LandInTheirOwnBin_AndOneInTheLast()
    {
        // 1.0 closes the last bin.
        double[] mu = [0, 0.05, 0.1, 3 / 10.0, 7 / 10.0, 0.95, 1.0, 1.0];
        ProbedKnowledge.Tenths(mu).ShouldBe([2, 1, 0, 1, 0, 0, 0, 1, 0, 3]);
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.09, false)]
    [InlineData(0.1, true)]
    [InlineData(0.5, true)]
    [InlineData(0.9, true)]
    [InlineData(1.0, false)]
    public void IsPartial_ClosedInterval(double mu, bool expected) => ProbedKnowledge.IsPartial(mu).ShouldBe(expected);
}
