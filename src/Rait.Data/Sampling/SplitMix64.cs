namespace Rait.Data.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014; constants from Vigna's splitmix64.c): a tiny seeded generator of our own,
/// so shuffles are identical on every .NET version and platform (System.Random's algorithm is not a contract).
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection sampling).</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        ulong threshold = (0UL - bound) % bound; // 2^64 mod bound: values below it would favour small results
        while (true)
        {
            ulong r = Next();
            if (r >= threshold) return r % bound;
        }
    }
}
