using Rait.Core.Random;

namespace Rait.Methods.Common;

/// <summary>The named random streams of the set builders, drawn from Core's <see cref="SplitMix64"/>.</summary>
public static class MethodRandom
{
    /// <summary>
    /// A stream for one named purpose, so adding a sampling step elsewhere never shifts this stream.
    /// The seed is spread by the golden-ratio multiplier before <see cref="SplitMix64.For"/> mixes in the purpose:
    /// built sets were first published with this derivation and stay byte-identical to it.
    /// </summary>
    public static SplitMix64 ForPurpose(long seed, string purpose) =>
        SplitMix64.For(unchecked((long)((ulong)seed * 0x9E3779B97F4A7C15UL)), purpose);
}
