using Rait.Core.Random;

namespace Rait.World.Generation;

/// <summary>
/// Deterministic pseudo-random generator (xoshiro256**, seeded through Core's <see cref="SplitMix64"/>).
/// Integers, doubles, shuffles and picks come from <see cref="RandomDraws"/>.
/// </summary>
/// <remarks>
/// System.Random's algorithm is an implementation detail that has changed between .NET versions;
/// world files must be byte-identical for a seed forever, so we own the generator. It stays xoshiro256**
/// rather than plain SplitMix64 because every world already written was drawn from this stream.
/// Reference: Blackman and Vigna, "Scrambled linear pseudorandom number generators" (2018).
/// </remarks>
public sealed class WorldRandom : IRandomSource
{
    private ulong _s0, _s1, _s2, _s3;

    public WorldRandom(ulong seed)
    {
        // The authors' recommended seeding: four consecutive SplitMix64 words.
        var sm = new SplitMix64(seed);
        _s0 = sm.NextUInt64();
        _s1 = sm.NextUInt64();
        _s2 = sm.NextUInt64();
        _s3 = sm.NextUInt64();
    }

    /// <summary>An independent stream for a named purpose, so that adding draws in one part of the
    /// generator does not shift the values drawn in another.</summary>
    public static WorldRandom For(ulong seed, string purpose) =>
        new(SplitMix64.For(unchecked((long)seed), purpose).NextUInt64());

    public ulong NextUInt64()
    {
        var result = RotL(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotL(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="max"/>] inclusive.</summary>
    public int NextInclusive(int min, int max) => min + this.NextInt(max - min + 1);

    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));
}
