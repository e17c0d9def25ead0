namespace Rait.Core.Random;

/// <summary>
/// The one place where 64-bit words become integers, doubles and orders. Shared by every generator, because
/// seeded outputs (data splits, built sets, worlds, bootstrap intervals) are pinned to exactly these reductions.
/// </summary>
public static class RandomDraws
{
    /// <summary>Uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection sampling).</summary>
    public static int NextInt(this IRandomSource source, int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        // The lowest 2^64 mod bound words would favour small results; rejecting them leaves a multiple of bound.
        ulong b = (ulong)bound, threshold = (0UL - b) % b;
        while (true)
        {
            ulong r = source.NextUInt64();
            if (r >= threshold) return (int)(r % b);
        }
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public static double NextDouble(this IRandomSource source) => (source.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher-Yates shuffle in place, from the last position down (the order outputs are pinned to).</summary>
    public static void Shuffle<T>(this IRandomSource source, IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = source.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A uniformly random permutation of 0..n-1.</summary>
    public static int[] Permutation(this IRandomSource source, int n)
    {
        var a = Enumerable.Range(0, n).ToArray();
        source.Shuffle(a);
        return a;
    }

    /// <summary>One uniformly chosen item.</summary>
    public static T Pick<T>(this IRandomSource source, IReadOnlyList<T> items) => items[source.NextInt(items.Count)];
}
