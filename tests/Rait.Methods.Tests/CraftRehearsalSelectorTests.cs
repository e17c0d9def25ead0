using Rait.Core;
using Rait.Methods.Craft;
using Rait.Methods.Options;

namespace Rait.Methods.Tests;

public class CraftRehearsalSelectorTests
{
    [Fact]
    public void Select_Open_KeepsOnlyFullyCorrectAndCertain()
    {
        var pool = Probes.Table(Probes.Open("a", 1.0, 0.996), Probes.Open("b", 1.0, 0.994), Probes.Open("c", 0.9, 1.0), Probes.Open("d", 1.0, 0.995));
        var set = CraftRehearsalSelector.Select(pool, new RehearsalOptions { Size = 2, Answer = RehearsalAnswer.Original });
        set.Select(e => e.SourceId).Order().ShouldBe(["a", "d"]);
        set.ShouldAllBe(e => e.Reason == "rehearsal:keep" && e.Method == "rehearsal");
        set.Single(e => e.SourceId == "a").Prompt.ShouldBe("Question a?"); // BASIC1: the bare question
    }

    [Fact]
    public void Select_Mc_UsesRawPGoldStrictlyAboveThreshold()
    {
        var pool = Probes.Table(Probes.Mc("a", 0.99, pGold: 0.995), Probes.Mc("b", 0.99, pGold: 0.99), Probes.Mc("c", 0.999, pGold: 0.5));
        var set = CraftRehearsalSelector.Select(pool, new RehearsalOptions { Size = 1 });
        set.Single().SourceId.ShouldBe("a");
        set.Single().Answer.ShouldBe("B");
    }

    [Fact]
    public void Select_MostFrequentCorrectSample_ReplacesTheAnswer()
    {
        var r = Probes.Open("a", 1.0, 1.0, answer: "Harry S. Truman",
            samples: ["Truman", " Truman ", "Harry Truman", "Truman", "nonsense"], sampleCorrect: [true, true, true, true, false]);
        var set = CraftRehearsalSelector.Select(Probes.Table(r), new RehearsalOptions { Size = 1 });
        set.Single().Answer.ShouldBe("Truman");
    }

    [Fact]
    public void Select_McWithoutPGold_Throws()
    {
        var ex = Should.Throw<RaitException>(() => CraftRehearsalSelector.Select(Probes.Table(Probes.Mc("a", 1.0)), new RehearsalOptions { Size = 1 }));
        ex.Message.ShouldContain("p_gold");
    }

    [Fact]
    public void Select_Shortfall_ErrorsOrTakesAvailable()
    {
        var pool = Probes.Table(Probes.Open("a", 1.0, 1.0), Probes.Open("b", 0.0, 1.0));
        Should.Throw<RaitException>(() => CraftRehearsalSelector.Select(pool, new RehearsalOptions { Size = 2, Answer = RehearsalAnswer.Original }))
            .Message.ShouldContain("2 requested but only 1");
        CraftRehearsalSelector.Select(pool, new RehearsalOptions { Size = 2, Answer = RehearsalAnswer.Original, OnShortfall = ShortfallPolicy.TakeAvailable }).Count.ShouldBe(1);
    }

    [Fact]
    public void Select_SameSeed_SameDraw()
    {
        var pool = Probes.Table(Enumerable.Range(0, 40).Select(i => Probes.Open($"q{i:D2}", 1.0, 1.0)).ToArray());
        var o = new RehearsalOptions { Size = 10, Seed = 42, Answer = RehearsalAnswer.Original };
        CraftRehearsalSelector.Select(pool, o).ShouldBe(CraftRehearsalSelector.Select(pool, o));
        CraftRehearsalSelector.Select(pool, o).Select(e => e.SourceId).ShouldNotBe(CraftRehearsalSelector.Select(pool, o with { Seed = 43 }).Select(e => e.SourceId));
    }
}
