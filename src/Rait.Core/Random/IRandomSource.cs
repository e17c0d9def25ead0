namespace Rait.Core.Random;

/// <summary>
/// A seeded source of uniform 64-bit words. Every draw Rait makes (integers, doubles, shuffles) is derived from
/// these words by <see cref="RandomDraws"/>, so two generators that agree on words agree on every draw.
/// </summary>
public interface IRandomSource
{
    /// <summary>The next 64 uniformly random bits.</summary>
    ulong NextUInt64();
}
