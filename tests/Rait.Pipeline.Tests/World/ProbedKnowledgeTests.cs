using Rait.Pipeline.World;

namespace Rait.Pipeline.Tests.World;

public sealed class ProbedKnowledgeTests
{
    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.09, false)]
    [InlineData(0.1, true)]
    [InlineData(0.5, true)]
    [InlineData(0.9, true)]
    [InlineData(1.0, false)]
    public void IsPartial_ClosedInterval(double mu, bool expected) => ProbedKnowledge.IsPartial(mu).ShouldBe(expected);
}
