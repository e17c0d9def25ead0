using Rait.Core;
using Rait.Training.Data;

namespace Rait.Training.Tests;

/// <summary>Packing keeps every sample exactly once, intact, and apart from its neighbours.</summary>
public sealed class SequencePackerTests
{
    private const int Ignore = TokenizedExample.Ignore;

    internal static List<TokenizedExample> RandomRows(int n, int maxLength, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(i =>
        {
            int len = rng.Next(1, maxLength + 1), prompt = rng.Next(0, len);
            var ids = Enumerable.Range(0, len).Select(_ => rng.Next(3, 1000)).ToArray();
            var labels = ids.Select((x, j) => j < prompt ? Ignore : x).ToArray();
            return new TokenizedExample($"r{i}", ids, labels, rng.Next(0, 5) * 0.5);
        }).ToList();
    }

    private static TokenizedExample OfLength(string id, int length) =>
        new(id, Enumerable.Range(10, length).ToArray(), Enumerable.Range(10, length).ToArray());

    [Theory]
    [InlineData(1, 8, 1)]
    [InlineData(40, 16, 2)]
    [InlineData(300, 64, 3)]
    [InlineData(300, 7, 4)]
    public void Pack_RandomRows_EverySampleOnceIntactWithinMaxLength(int n, int maxLength, int seed)
    {
        // Given random samples of 1..max_length tokens with prompt masks and weights
        var rows = RandomRows(n, maxLength, seed);
        var byId = rows.ToDictionary(x => x.Id);

        // When they are packed
        var packed = SequencePacker.Pack(rows, maxLength);

        // Then every sample appears exactly once
        packed.SelectMany(p => p.Segments!).Select(s => s.Id).Order().ShouldBe(rows.Select(x => x.Id).Order());
        foreach (var p in packed)
        {
            // And no row exceeds max_length; segments tile the row from 0 without gaps
            p.InputIds.Length.ShouldBeLessThanOrEqualTo(maxLength);
            p.Labels.Length.ShouldBe(p.InputIds.Length);
            p.SampleCount.ShouldBe(p.Segments!.Length);
            int at = 0;
            foreach (var s in p.Segments)
            {
                s.Start.ShouldBe(at);
                at += s.Length;
                // And each segment holds its sample's tokens and labels; the first label is never trained
                var x = byId[s.Id];
                p.InputIds[s.Start..(s.Start + s.Length)].ShouldBe(x.InputIds);
                p.Labels[s.Start].ShouldBe(Ignore);
                p.Labels[(s.Start + 1)..(s.Start + s.Length)].ShouldBe(x.Labels[1..]);
                s.Weight.ShouldBe(x.Weight);
            }
            at.ShouldBe(p.InputIds.Length);
            p.Weight.ShouldBe(p.Segments.Sum(s => s.Weight), 1e-12);
        }
        // And no two rows could be merged: a sample opens a new row only when it fits in none before it
        var lengths = packed.Select(p => p.InputIds.Length).ToList();
        for (int i = 0; i < lengths.Count; i++)
            for (int j = i + 1; j < lengths.Count; j++)
                (lengths[i] + lengths[j]).ShouldBeGreaterThan(maxLength);
    }

    [Fact]
    public void Pack_KnownLengths_FirstFitDecreasingLayout()
    {
        // Given lengths 5, 3, 7, 2, 4 and rows of 10: placed as 7 | 5 | 4 → row 2 | 3 → row 1 | 2 → new row
        var rows = new[] { OfLength("a", 5), OfLength("b", 3), OfLength("c", 7), OfLength("d", 2), OfLength("e", 4) };

        var packed = SequencePacker.Pack(rows, 10);

        // Then the rows hold {b, c}, {a, e}, {d}, each in input order, and 21 of 30 slots are used
        packed.Select(p => string.Join(",", p.Segments!.Select(s => s.Id))).ShouldBe(["b,c", "a,e", "d"]);
        packed[0].Segments!.Select(s => (s.Start, s.Length)).ShouldBe([(0, 3), (3, 7)]);
        SequencePacker.FillRatio(packed, 10).ShouldBe(0.7, 1e-12);
    }

    [Fact]
    public void Pack_SameInput_SameRowsAndFingerprint()
    {
        var rows = RandomRows(100, 32, 9);
        var a = SequencePacker.Pack(rows, 32);
        var b = SequencePacker.Pack(rows.ToList(), 32);
        a.Count.ShouldBe(b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            a[i].InputIds.ShouldBe(b[i].InputIds);
            a[i].Labels.ShouldBe(b[i].Labels);
            a[i].Segments.ShouldBe(b[i].Segments);
        }
        TrainingPlan.Fingerprint(a).ShouldBe(TrainingPlan.Fingerprint(b));
    }

    [Fact]
    public void Pack_OverlongOrPackedInput_ClearError()
    {
        Should.Throw<RaitException>(() => SequencePacker.Pack([OfLength("long", 11)], 10)).Message.ShouldContain("row long has 11 tokens, more than max_length 10");
        var packed = SequencePacker.Pack([OfLength("a", 3)], 10);
        Should.Throw<RaitException>(() => SequencePacker.Pack(packed, 10)).Message.ShouldContain("already packed");
    }
}
