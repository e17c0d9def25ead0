using Rait.Methods.Common;

namespace Rait.Methods.Tests;

public class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_SeedZero_MatchesReferenceSequence()
    {
        // Reference values of splitmix64.c (Vigna) started from state 0.
        var rng = new SplitMix64(0);
        rng.NextUInt64().ShouldBe(0xE220A8397B1DCDAFUL);
        rng.NextUInt64().ShouldBe(0x6E789E6AA1B965F4UL);
        rng.NextUInt64().ShouldBe(0x06C45D188009454FUL);
    }

    [Fact]
    public void NextInt_StaysInRangeAndCoversIt()
    {
        var rng = new SplitMix64(123);
        var seen = new int[7];
        for (int i = 0; i < 7000; i++) seen[rng.NextInt(7)]++;
        seen.ShouldAllBe(c => c > 800 && c < 1200);
    }
}
