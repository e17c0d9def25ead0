using Rait.Core;
using Rait.Methods.Options;

namespace Rait.Methods.Tests;

public class CorRaitMethodTests
{
    private static RaitBuildResult Build(CorOptions o, params Rait.Core.Records.ProbeRecord[] rows) => MethodFactory.Create(o).Build(Probes.Input(rows));

    [Fact]
    public void Build_OpenMuHalf_IsDroppedFromBothSides()
    {
        // OEQA thresholds: keep μ ≥ 0.51, refuse μ ≤ 0.49; μ = 0.5 is in neither group.
        var o = new CorOptions { Size = new SetSize { Total = 2, KeepParts = 1, RefuseParts = 1 }, OnShortfall = ShortfallPolicy.TakeAvailable };
        var r = Build(o, Probes.Open("half", 0.5), Probes.Open("hi", 0.6), Probes.Open("lo", 0.4));
        Probes.Ids(r, "known:keep").ShouldBe(["hi"]);
        Probes.Ids(r, "unknown:refuse").ShouldBe(["lo"]);
        r.Candidates["known"].ShouldBe(1);
        r.Candidates["unknown"].ShouldBe(1);
    }

    [Fact]
    public void Build_McMuHalf_CountsAsKnown()
    {
        // MCQA thresholds (mmlu_RAI.py): μ ≥ 0.5 learn, μ < 0.5 idk.
        var o = new CorOptions { Size = new SetSize { Total = 2, KeepParts = 1, RefuseParts = 1 } };
        var r = Build(o, Probes.Mc("half", 0.5), Probes.Mc("lo", 0.499));
        Probes.Ids(r, "known:keep").ShouldBe(["half"]);
        Probes.Ids(r, "unknown:refuse").ShouldBe(["lo"]);
        r.Examples.Single(e => e.SourceId == "half").Answer.ShouldBe("B");
        r.Examples.Single(e => e.SourceId == "lo").Answer.ShouldBe("I don't know.");
    }

    [Theory]
    [InlineData(0.51, "known:keep")]
    [InlineData(0.49, "unknown:refuse")]
    public void Build_OpenThresholdValues_AreInclusive(double mu, string reason)
    {
        var o = new CorOptions { Size = new SetSize { Total = 1, KeepParts = 1, RefuseParts = 1 }, OnShortfall = ShortfallPolicy.TakeAvailable };
        var r = Build(o with { Size = new SetSize { Total = 2, KeepParts = 1, RefuseParts = 1 } }, Probes.Open("x", mu));
        r.Examples.Single().Reason.ShouldBe(reason);
    }

    [Fact]
    public void Build_DefaultRatio_IsFourKeptToOneRefusal()
    {
        var rows = Enumerable.Range(0, 20).Select(i => Probes.Open($"k{i:D2}", 1.0))
            .Concat(Enumerable.Range(0, 20).Select(i => Probes.Open($"u{i:D2}", 0.0))).ToArray();
        var r = Build(new CorOptions { Size = new SetSize { Total = 10 } }, rows);
        r.Summary.ByReason["known:keep"].ShouldBe(8);
        r.Summary.ByReason["unknown:refuse"].ShouldBe(2);
        r.Examples.Where(e => e.Reason == "unknown:refuse").ShouldAllBe(e => e.Answer == "I don't know");
    }

    [Fact]
    public void Build_OpenPrompt_IsCraftRefuse1()
    {
        var r = Build(new CorOptions { Size = new SetSize { Total = 1, KeepParts = 1, RefuseParts = 0 } }, Probes.Open("a", 1.0));
        r.Examples.Single().Prompt.ShouldBe("Answer the following question, and if you don't know the answer, only reply with 'I don't know': Question a?");
        r.Examples.Single().Answer.ShouldBe("answer-a");
    }

    [Fact]
    public void Build_ShortfallError_NamesGroupAndCounts()
    {
        var ex = Should.Throw<RaitException>(() => Build(new CorOptions { Size = new SetSize { Total = 5 } }, Probes.Open("a", 1.0), Probes.Open("b", 0.0)));
        ex.Message.ShouldContain("pool.jsonl");
        ex.Message.ShouldContain("4 requested but only 1");
    }

    [Fact]
    public void Build_ShortfallTakeAvailable_ReturnsWhatQualifies()
    {
        var r = Build(new CorOptions { Size = new SetSize { Total = 5 }, OnShortfall = ShortfallPolicy.TakeAvailable }, Probes.Open("a", 1.0), Probes.Open("b", 0.0));
        r.Examples.Count.ShouldBe(2);
    }

    [Fact]
    public void Build_ShortfallResample_FillsToSizeKeepingEveryCandidate()
    {
        var r = Build(new CorOptions { Size = new SetSize { Total = 5 }, OnShortfall = ShortfallPolicy.Resample },
            Probes.Open("a", 1.0), Probes.Open("b", 0.9), Probes.Open("c", 0.0));
        r.Summary.ByReason["known:keep"].ShouldBe(4);
        Probes.Ids(r, "known:keep").Distinct().ShouldBe(["a", "b"]);
        r.Summary.ByReason["unknown:refuse"].ShouldBe(1);
    }

    [Fact]
    public void Build_SameSeedShuffledInput_GivesIdenticalRows()
    {
        var rows = Enumerable.Range(0, 50).Select(i => Probes.Open($"q{i:D2}", i % 3 == 0 ? 0.1 : 0.9)).ToArray();
        var o = new CorOptions { Size = new SetSize { Total = 20 }, Seed = 7 };
        var a = Build(o, rows);
        var b = Build(o, rows.Reverse().ToArray());
        b.Examples.ShouldBe(a.Examples);
        var c = Build(o with { Seed = 8 }, rows);
        c.Examples.Select(e => e.SourceId).ShouldNotBe(a.Examples.Select(e => e.SourceId));
    }
}
