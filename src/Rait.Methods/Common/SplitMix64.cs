namespace Rait.Methods.Common;

/// <summary>
/// A small seeded PRNG we own (SplitMix64, Steele et al. 2014), so that built sets are identical
/// across .NET versions; System.Random's algorithm is not a stability promise.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A generator for one named purpose, so adding a sampling step elsewhere never shifts this stream.</summary>
    public static SplitMix64 ForPurpose(long seed, string purpose)
    {
        // FNV-1a over the purpose name, mixed with the seed.
        ulong h = 14695981039346656037UL;
        foreach (char c in purpose) { h ^= c; h *= 1099511628211UL; }
        return new SplitMix64(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ h);
    }

    public ulong NextUInt64()
    {
        ulong z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n), without modulo bias (rejection sampling).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong bound = (ulong)n;
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong x;
        do { x = NextUInt64(); } while (x >= limit);
        return (int)(x % bound);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
