using Rait.Core;
using Rait.Core.Records;
using Rait.Methods.Options;

namespace Rait.Methods.Tests;

public class CraftMethodTests
{
    private const string After = "model-A+rehearsal";

    private static RaitBuildInput Input(ProbeRecord[] before, ProbeRecord[] after) =>
        new() { Pool = new ProbeTable("pool.jsonl", before), Rehearsed = new ProbeTable("rehearsed.jsonl", after) };

    private static ProbeRecord Re(ProbeRecord r, double muAfter) => r with { Mu = muAfter, ModelFingerprint = After };

    [Fact]
    public void Build_FlowFilter_KeepsOnlyUnknownWithDecreasedMu()
    {
        // u1 Δμ = -0.1 (kept), u2 Δμ = 0 (dropped under strict Δμ < 0), u3 Δμ = +0.2 (dropped).
        var before = new[] { Probes.Open("k1", 0.9, 0.9), Probes.Open("u1", 0.3), Probes.Open("u2", 0.3), Probes.Open("u3", 0.2) };
        var after = new[] { Re(before[0], 1.0), Re(before[1], 0.2), Re(before[2], 0.3), Re(before[3], 0.4) };
        var o = new CraftOptions { Size = new SetSize { Total = 2, KeepParts = 1, RefuseParts = 1 }, OnShortfall = ShortfallPolicy.TakeAvailable, FlowRule = FlowFilter.Decreased };
        var r = MethodFactory.Create(o).Build(Input(before, after));
        Probes.Ids(r, "unknown:refuse").ShouldBe(["u1"]);
        r.Candidates["dropped_by_flow"].ShouldBe(2);
        r.Inputs.Select(i => i.Role).ShouldBe(["pool", "rehearsed"]);
    }

    [Fact]
    public void Build_FlowNotIncreased_AlsoKeepsZeroFlow()
    {
        var before = new[] { Probes.Open("u1", 0.3), Probes.Open("u2", 0.3), Probes.Open("u3", 0.2) };
        var after = new[] { Re(before[0], 0.2), Re(before[1], 0.3), Re(before[2], 0.4) };
        var o = new CraftOptions { Size = new SetSize { Total = 2, KeepParts = 0, RefuseParts = 1 }, FlowRule = FlowFilter.NotIncreased };
        var r = MethodFactory.Create(o).Build(Input(before, after));
        Probes.Ids(r, "unknown:refuse").ShouldBe(["u1", "u2"]);
    }

    [Fact]
    public void Build_CertaintyRanking_KnownByDescendingSigmaIdkByAscendingSigmaTiesById()
    {
        var before = new[]
        {
            Probes.Open("ka", 1.0, 0.70), Probes.Open("kb", 1.0, 0.95), Probes.Open("kc", 0.8, 0.95), Probes.Open("kd", 0.9, 0.10),
            Probes.Open("ua", 0.1, 0.40), Probes.Open("ub", 0.1, 0.20), Probes.Open("uc", 0.2, 0.20), Probes.Open("ud", 0.1, 0.90),
        };
        var after = before.Select(b => Re(b, b.Mu >= 0.5 ? b.Mu : b.Mu / 2)).ToArray();
        // 2 kept: σ 0.95 tie between kb and kc -> both, by id. 2 IdK: σ 0.20 tie ub, uc.
        var o = new CraftOptions { Size = new SetSize { Total = 4, KeepParts = 1, RefuseParts = 1 } };
        var r = MethodFactory.Create(o).Build(Input(before, after));
        Probes.Ids(r, "known:keep").ShouldBe(["kb", "kc"]);
        Probes.Ids(r, "unknown:refuse").ShouldBe(["ub", "uc"]);
        // One slot each: the σ tie is broken by id.
        var r1 = MethodFactory.Create(o with { Size = new SetSize { Total = 2, KeepParts = 1, RefuseParts = 1 } }).Build(Input(before, after));
        Probes.Ids(r1, "known:keep").ShouldBe(["kb"]);
        Probes.Ids(r1, "unknown:refuse").ShouldBe(["ub"]);
    }

    [Fact]
    public void Build_IncludeCutoffTies_TakesEveryTiedCandidate()
    {
        var before = new[] { Probes.Open("k1", 1.0, 0.9), Probes.Open("k2", 1.0, 0.9), Probes.Open("k3", 1.0, 0.9), Probes.Open("k4", 1.0, 0.1) };
        var o = new CraftOptions { Variant = CraftVariant.WithoutFlow, Size = new SetSize { Total = 1, KeepParts = 1, RefuseParts = 0 }, IncludeCutoffTies = true };
        var r = MethodFactory.Create(o).Build(Probes.Input(before));
        Probes.Ids(r, "known:keep").ShouldBe(["k1", "k2", "k3"]);
    }

    [Fact]
    public void Build_RoundSigma_MakesNearTiesFallBackToId()
    {
        var before = new[] { Probes.Open("k1", 1.0, 0.951), Probes.Open("k2", 1.0, 0.954) };
        var o = new CraftOptions { Variant = CraftVariant.WithoutFlow, Size = new SetSize { Total = 1, KeepParts = 1, RefuseParts = 0 } };
        Probes.Ids(MethodFactory.Create(o).Build(Probes.Input(before)), "known:keep").ShouldBe(["k2"]);
        Probes.Ids(MethodFactory.Create(o with { RoundSigmaDecimals = 2 }).Build(Probes.Input(before)), "known:keep").ShouldBe(["k1"]);
    }

    [Fact]
    public void Build_WithoutFlow_NeedsNoRehearsedTableAndKeepsAllUnknown()
    {
        var before = new[] { Probes.Open("u1", 0.3, 0.1), Probes.Open("u2", 0.3, 0.2) };
        var o = new CraftOptions { Variant = CraftVariant.WithoutFlow, Size = new SetSize { Total = 2, KeepParts = 0, RefuseParts = 1 } };
        var r = MethodFactory.Create(o).Build(Probes.Input(before));
        Probes.Ids(r, "unknown:refuse").ShouldBe(["u1", "u2"]);
        r.Inputs.Count.ShouldBe(1);
    }

    [Fact]
    public void Build_WithoutCertainty_StillAppliesFlowFilterButSamplesRandomly()
    {
        var before = Enumerable.Range(0, 30).Select(i => Probes.Open($"u{i:D2}", 0.3, i / 30.0)).ToArray();
        var after = before.Select((b, i) => Re(b, i < 20 ? 0.1 : 0.5)).ToArray(); // only u00..u19 decreased
        var o = new CraftOptions { Variant = CraftVariant.WithoutCertainty, Size = new SetSize { Total = 10, KeepParts = 0, RefuseParts = 1 }, Seed = 3 };
        var ids = Probes.Ids(MethodFactory.Create(o).Build(Input(before, after)), "unknown:refuse");
        ids.Count.ShouldBe(10);
        ids.ShouldAllBe(id => string.CompareOrdinal(id, "u20") < 0);
        ids.ShouldNotBe(Enumerable.Range(0, 10).Select(i => $"u{i:D2}").ToList()); // not the certainty order
    }

    [Fact]
    public void Build_FullWithoutRehearsedTable_Throws()
    {
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(new CraftOptions()).Build(Probes.Input(Probes.Open("a", 1))));
        ex.Message.ShouldContain("rehearsed probe table is required");
    }

    [Fact]
    public void Build_RehearsedFromSameModel_Throws()
    {
        var before = new[] { Probes.Open("a", 0.2) };
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(new CraftOptions()).Build(Input(before, before)));
        ex.Message.ShouldContain("rehearsed.jsonl");
        ex.Message.ShouldContain("equals the pool's");
    }

    [Fact]
    public void Build_RehearsedMissingIds_ThrowsNamingThem()
    {
        var before = new[] { Probes.Open("a", 0.2), Probes.Open("b", 0.2) };
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(new CraftOptions()).Build(Input(before, [Re(before[0], 0.1)])));
        ex.Message.ShouldContain("1 pool ids");
        ex.Message.ShouldContain("b");
    }

    [Fact]
    public void Build_RehearsedOtherPrompt_Throws()
    {
        var before = new[] { Probes.Open("a", 0.2) };
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(new CraftOptions()).Build(Input(before, [Re(before[0], 0.1) with { PromptFingerprint = "other" }])));
        ex.Message.ShouldContain("prompt_fingerprint is 'other'");
    }

    [Fact]
    public void Build_FlowJoinsById_NotByRowOrder()
    {
        // The rehearsed table lists rows in another order; Δμ must still pair a with a.
        var before = new[] { Probes.Open("a", 0.3), Probes.Open("b", 0.3) };
        var after = new[] { Re(before[1], 0.6), Re(before[0], 0.1) };
        var o = new CraftOptions { Size = new SetSize { Total = 1, KeepParts = 0, RefuseParts = 1 } };
        Probes.Ids(MethodFactory.Create(o).Build(Input(before, after)), "unknown:refuse").ShouldBe(["a"]);
    }

    [Fact]
    public void Build_McPool_UsesMcThresholdsLetterTargetAndRefusePrompt()
    {
        var before = new[] { Probes.Mc("m1", 0.5, -0.2), Probes.Mc("m2", 0.1, -1.3) };
        var after = new[] { Re(before[0], 0.6), Re(before[1], 0.05) };
        var o = new CraftOptions { Size = new SetSize { Total = 2, KeepParts = 1, RefuseParts = 1 } };
        var r = MethodFactory.Create(o).Build(Input(before, after));
        var kept = r.Examples.Single(e => e.SourceId == "m1");
        kept.Answer.ShouldBe("B");
        kept.Prompt.ShouldBe("There is a single choice question about college biology. If you know the answer, please directly respond with the correct answer A, B, C, or D. If you do not know the answer, please respond with \"I don't know.\".\nQuestion: Which is m1?\nA. alpha\nB. beta\nC. gamma\nD. delta\nAnswer: ");
        r.Examples.Single(e => e.SourceId == "m2").Answer.ShouldBe("I don't know.");
    }
}
