using Rait.World.Config;
using Rait.World.Generation;
using Rait.World.Store;

namespace Rait.World.Tests;

public class ExposureTests
{
    public static TheoryData<string> Worlds() => new() { "tiny", "small", "zipf" };

    private static WorldArtifacts Get(string name) => name switch
    {
        "tiny" => TinyWorld.Tiny,
        "small" => TinyWorld.Small,
        _ => WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Small, 5) with
        {
            Exposure = new ExposureOptions { Law = ExposureLaw.Zipf, Parameter = 1.2, Max = 8, ZeroShare = 0.4 },
        }),
    };

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Histogram_AppearingPeople_MatchesConfiguredDistribution(string name)
    {
        var world = Get(name).World;
        var options = world.Config.Exposure;
        var facts = world.People.Where(p => !p.NeverAppears).SelectMany(p => p.Facts).ToList();
        var histogram = new int[options.Max + 1];
        foreach (var f in facts) histogram[f.Exposure]++;

        // Exact by construction, and within one fact of the ideal n·P(k) per bucket.
        histogram.ShouldBe(ExposureAllocator.TargetCounts(options, facts.Count));
        int n = facts.Count;
        Math.Abs(histogram[0] - options.ZeroShare * n).ShouldBeLessThanOrEqualTo(1.0);
        var p = options.PositiveProbabilities();
        int positives = n - histogram[0];
        for (int k = 1; k <= options.Max; k++)
            Math.Abs(histogram[k] - p[k - 1] * positives).ShouldBeLessThan(1.0 + 1e-9, $"exposure {k}");
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void NeverAppearing_ShareAndAllZero(string name)
    {
        var world = Get(name).World;
        var never = world.People.Where(p => p.NeverAppears).ToList();
        never.Count.ShouldBe((int)Math.Round(world.Config.NeverAppearShare * world.Config.People, MidpointRounding.AwayFromZero));
        never.ShouldAllBe(p => p.Facts.All(f => f.Exposure == 0) && !p.Quizzed);
        world.People.Where(p => !p.NeverAppears).ShouldAllBe(p => p.Facts.Any(f => f.Exposure > 0));
    }

    [Fact]
    public void Histogram_HasManyUnseenAndRarelySeenFacts()
    {
        var h = TinyWorld.Small.World.ExposureHistogram();
        int total = h.Sum();
        (h[0] / (double)total).ShouldBeGreaterThan(0.3);
        ((h[1] + h[2]) / (double)total).ShouldBeGreaterThan(0.3);
    }

    [Fact]
    public void Attributes_PerPersonWithinConfiguredRange()
    {
        var world = TinyWorld.Small.World;
        world.People.ShouldAllBe(p => p.Facts.Count >= world.Config.MinAttributes && p.Facts.Count <= world.Config.MaxAttributes);
        world.People.Select(p => p.Name).Distinct().Count().ShouldBe(world.People.Count);
        world.People.Select(p => p.LastName).Distinct().Count().ShouldBe(world.People.Count);
    }

    [Fact]
    public void Names_NeverReuseCatalogWords()
    {
        var reserved = WorldGenerator.ReservedWords();
        foreach (var p in TinyWorld.Small.World.People)
        {
            reserved.ShouldNotContain(p.FirstName);
            reserved.ShouldNotContain(p.LastName);
        }
    }

    [Fact]
    public void Quizzed_ShareOfAppearingPeople()
    {
        var world = TinyWorld.Small.World;
        int appearing = world.People.Count(p => !p.NeverAppears);
        world.People.Count(p => p.Quizzed).ShouldBe((int)Math.Round(world.Config.QuizzedShare * appearing, MidpointRounding.AwayFromZero));
    }
}
