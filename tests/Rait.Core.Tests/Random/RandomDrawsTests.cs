using Rait.Core.Random;

namespace Rait.Core.Tests.Random;

public class RandomDrawsTests
{
    /// <summary>Replays fixed words, so the reductions can be checked word by word.</summary>
    private sealed class FixedWords(params ulong[] words) : IRandomSource
    {
        private int _next;
        public ulong NextUInt64() => words[_next++];
    }

    [Fact]
    public void NextInt_WordBelowThreshold_IsRejected()
    {
        // 2^64 mod 3 = 1, so only the word 0 is rejected; 5 then gives 5 mod 3.
        new FixedWords(0, 5).NextInt(3).ShouldBe(2);
    }

    [Fact]
    public void NextInt_TopWord_IsAccepted() =>
        new FixedWords(ulong.MaxValue).NextInt(3).ShouldBe((int)(ulong.MaxValue % 3));

    [Fact]
    public void NextDouble_TopWord_StaysBelowOne()
    {
        new FixedWords(ulong.MaxValue).NextDouble().ShouldBeLessThan(1.0);
        new FixedWords(0).NextDouble().ShouldBe(0.0);
    }

    [Fact]
    public void Shuffle_FixedWords_SwapsFromTheLastPositionDown()
    {
        // Words 3 and 0 pick index 0 for positions 2 and 1: [a,b,c] -> [c,b,a] -> [b,c,a].
        var items = new List<string> { "a", "b", "c" };
        new FixedWords(3, 0).Shuffle(items);
        items.ShouldBe(["b", "c", "a"]);
    }

    [Fact]
    public void Pick_FixedWord_ChoosesByNextInt() =>
        new FixedWords(4).Pick(["x", "y", "z"]).ShouldBe("y");
}
