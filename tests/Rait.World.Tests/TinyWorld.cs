using Rait.World.Config;
using Rait.World.Store;

namespace Rait.World.Tests;

/// <summary>Shared tiny worlds (generation is pure, so one build per seed is enough).</summary>
internal static class TinyWorld
{
    private static readonly Lazy<WorldArtifacts> Seed7 = new(() => WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Tiny, 7)));
    private static readonly Lazy<WorldArtifacts> Small3 = new(() => WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Small, 3)));

    public static WorldArtifacts Tiny => Seed7.Value;

    public static WorldArtifacts Small => Small3.Value;
}
