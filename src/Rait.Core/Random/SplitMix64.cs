namespace Rait.Core.Random;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014; constants from Vigna's splitmix64.c): Rait's one seeded
/// generator, so shuffles and samples are identical on every .NET version and platform
/// (System.Random's algorithm is not a contract). Draws other than raw words come from <see cref="RandomDraws"/>.
/// </summary>
public sealed class SplitMix64(ulong seed) : IRandomSource
{
    private ulong _state = seed;

    /// <summary>A generator for one purpose derived from a user seed, so independent uses never share a stream.</summary>
    public static SplitMix64 For(long seed, string purpose)
    {
        ulong h = 0xCBF29CE484222325UL; // FNV-1a over the purpose
        foreach (char c in purpose) { h ^= c; h *= 0x100000001B3UL; }
        return new SplitMix64(unchecked((ulong)seed) ^ h);
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // Instance forms kept so callers that name the class without importing this namespace still compile.

    /// <summary>Uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection sampling).</summary>
    public int NextInt(int bound) => RandomDraws.NextInt(this, bound);

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => RandomDraws.NextDouble(this);

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher-Yates).</summary>
    public int[] Permutation(int n) => RandomDraws.Permutation(this, n);
}
