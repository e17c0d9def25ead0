using Rait.World.Config;

namespace Rait.World.Generation;

/// <summary>The generated world: its config, config hash and people (the content of world.json).</summary>
public sealed record WorldData
{
    public required string GeneratorVersion { get; init; }
    public required string ConfigHash { get; init; }
    public required WorldConfig Config { get; init; }
    public required IReadOnlyList<WorldPerson> People { get; init; }

    public IEnumerable<(WorldPerson Person, WorldFact Fact)> AllFacts() =>
        People.SelectMany(p => p.Facts.Select(f => (p, f)));

    /// <summary>Exposure histogram over every fact: index k = number of facts seen k times.</summary>
    public int[] ExposureHistogram()
    {
        var h = new int[Config.Exposure.Max + 1];
        foreach (var (_, f) in AllFacts()) h[f.Exposure]++;
        return h;
    }
}
