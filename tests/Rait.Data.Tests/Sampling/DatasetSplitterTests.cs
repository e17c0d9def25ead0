using Rait.Core;
using Rait.Data.Sampling;

namespace Rait.Data.Tests.Sampling;

public sealed class DatasetSplitterTests
{
    private static readonly IReadOnlyList<int> Items = Enumerable.Range(0, 100).ToList();

    [Fact]
    public void Shuffle_SameSeed_SameOrder() =>
        DatasetSplitter.Shuffle(Items, 42).ShouldBe(DatasetSplitter.Shuffle(Items, 42));

    [Fact]
    public void Shuffle_DifferentSeed_DifferentOrderSameItems()
    {
        var a = DatasetSplitter.Shuffle(Items, 1);
        var b = DatasetSplitter.Shuffle(Items, 2);
        a.ShouldNotBe(b);
        a.Order().ShouldBe(Items);
        a.ShouldNotBe(Items);
    }

    [Fact]
    public void Split_Fractions_PartitionWithoutOverlap()
    {
        var parts = DatasetSplitter.Split(Items, [0.8, 0.1, 0.1], 7);
        parts.Select(p => p.Count).ShouldBe([80, 10, 10]);
        parts.SelectMany(p => p).Order().ShouldBe(Items);
    }

    [Fact]
    public void Split_SumBelowOne_LeavesRestOut()
    {
        var parts = DatasetSplitter.Split(Enumerable.Range(0, 7).ToList(), [0.5], 3);
        parts.Single().Count.ShouldBe(4);
    }

    [Theory]
    [InlineData(new[] { 0.7, 0.4 })]
    [InlineData(new[] { 0.0 })]
    [InlineData(new[] { -0.1, 0.5 })]
    public void Split_BadFractions_Throw(double[] fractions) =>
        Should.Throw<RaitException>(() => DatasetSplitter.Split(Items, fractions, 0));

    [Fact]
    public void Sample_N_IsDistinctPrefixOfShuffle()
    {
        var s = DatasetSplitter.Sample(Items, 10, 9);
        s.Distinct().Count().ShouldBe(10);
        s.ShouldBe(DatasetSplitter.Shuffle(Items, 9).Take(10));
    }

    [Fact]
    public void Sample_MoreThanAvailable_Throws() =>
        Should.Throw<RaitException>(() => DatasetSplitter.Sample(Items, 101, 0)).Message.ShouldContain("cannot sample 101 items from 100");
}
