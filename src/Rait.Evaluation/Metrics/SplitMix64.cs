namespace Rait.Evaluation.Metrics;

/// <summary>
/// SplitMix64 pseudo-random generator (Steele, Lea, Flood 2014; Vigna's reference constants).
/// Our own so that seeded bootstrap results are identical across .NET versions, unlike System.Random.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "expected a positive bound");
        ulong b = (ulong)bound;
        // Largest multiple of b that fits: values at or above it would favour small results.
        ulong limit = ulong.MaxValue - (ulong.MaxValue % b + 1) % b;
        ulong r;
        do r = NextUInt64(); while (r > limit);
        return (int)(r % b);
    }
}
