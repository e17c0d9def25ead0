using Rait.Core.Records;
using Rait.Methods.Options;

namespace Rait.Methods.Tests;

/// <summary>
/// Hand-worked pool for the fair-comparison rules (open questions, OEQA thresholds known μ ≥ 0.51, unknown μ ≤ 0.49):
///   known   k1..k4   μ = 1, σ 0.9, 0.8, 0.7, 0.6; μ after rehearsal 1
///   unknown z1, z2   μ = 0 → 0   (Δμ = 0: never learnable)
///           d1       μ = 0.3 → 0.1 (Δμ = −0.2)
///           r1       μ = 0.2 → 0.6 (Δμ = +0.4: being learned)
///   decreased (Δμ &lt; 0): IdK candidates {d1}, 3 dropped; not_increased (Δμ ≤ 0): {d1, z1, z2}, 1 dropped.
///   Set size 10 at 4:1 → 8 kept, 2 refused; known has 4 → 4 resampled; decreased IdK has 1 → 1 resampled.
/// </summary>
public class FairComparisonTests
{
    private const string After = "model-A+rehearsal";

    private static readonly ProbeRecord[] Before =
    [
        Probes.Open("k1", 1, 0.9), Probes.Open("k2", 1, 0.8), Probes.Open("k3", 1, 0.7), Probes.Open("k4", 1, 0.6),
        Probes.Open("z1", 0, 1.0), Probes.Open("z2", 0, 1.0), Probes.Open("d1", 0.3, 0.5), Probes.Open("r1", 0.2, 0.4),
    ];

    private static readonly Dictionary<string, double> MuAfter = new() { ["z1"] = 0, ["z2"] = 0, ["d1"] = 0.1, ["r1"] = 0.6 };

    private static RaitBuildInput Input() => new()
    {
        Pool = Probes.Table(Before),
        Rehearsed = new ProbeTable("rehearsed.jsonl", Before.Select(r => r with { Mu = MuAfter.GetValueOrDefault(r.Id, r.Mu), ModelFingerprint = After }).ToArray()),
    };

    private static readonly SetSize Ten = new() { Total = 10 };

    private static RaitBuildResult Build(MethodOptions o) => MethodFactory.Create(o).Build(Input());

    [Fact]
    public void SetSize_Default_IsTheCraftCodeRatio()
    {
        new SetSize().KeepCount.ShouldBe(8000);
        new SetSize().RefuseCount.ShouldBe(2000);
        Ten.KeepCount.ShouldBe(8);
        Ten.RefuseCount.ShouldBe(2);
    }

    [Fact]
    public void FlowRule_Default_IsNotIncreased()
    {
        new CraftOptions().FlowRule.ShouldBe(FlowFilter.NotIncreased);
    }

    [Fact]
    public void FlowRule_Decreased_KeepsOnlyFallingMu()
    {
        var r = Build(new CraftOptions { Size = Ten, FlowRule = FlowFilter.Decreased, OnShortfall = ShortfallPolicy.TakeAvailable });
        Probes.Ids(r, "unknown:refuse").ShouldBe(["d1"]);
        r.Candidates["unknown"].ShouldBe(4);
        r.Candidates["dropped_by_flow"].ShouldBe(3);
    }

    [Fact]
    public void FlowRule_NotIncreased_AlsoKeepsFactsStuckAtZero()
    {
        var r = Build(new CraftOptions { Size = Ten, FlowRule = FlowFilter.NotIncreased, OnShortfall = ShortfallPolicy.TakeAvailable });
        // 2 refusals asked, σ ascending: d1 (0.5) before z1, z2 (1.0); the rising r1 is never a candidate.
        Probes.Ids(r, "unknown:refuse").ShouldBe(["d1", "z1"]);
        r.Candidates["dropped_by_flow"].ShouldBe(1);
    }

    [Fact]
    public void Resample_FillsTheSizeAndRecordsTheShortfall()
    {
        var r = Build(new CraftOptions { Size = Ten, FlowRule = FlowFilter.Decreased, OnShortfall = ShortfallPolicy.Resample, Seed = 3 });
        r.Summary.Rows.ShouldBe(10);
        r.Summary.Refusals.ShouldBe(2);
        r.Summary.Shortfalls.ShouldBe([new SetShortfall("known", 8, 4, 4), new SetShortfall("unknown", 2, 1, 1)]);
        // Every candidate once, the rest drawn again from the same candidates.
        var kept = r.Examples.Where(e => e.Reason == "known:keep").Select(e => e.SourceId!).ToList();
        kept.Distinct().Order().ShouldBe(["k1", "k2", "k3", "k4"]);
        r.Examples.Where(e => e.Reason == "unknown:refuse").Select(e => e.SourceId).ShouldBe(["d1", "d1"]);
        // Seeded: the same seed draws the same rows.
        Build(new CraftOptions { Size = Ten, FlowRule = FlowFilter.Decreased, OnShortfall = ShortfallPolicy.Resample, Seed = 3 })
            .Examples.Select(e => e.SourceId).ShouldBe(r.Examples.Select(e => e.SourceId));
    }

    [Fact]
    public void Resample_EmptyGroup_ContributesNothing_AndRecordsTheWholeRequest()
    {
        // A model that knows none of the pool (no question at μ ≥ 0.51): Cor-RAIT still gets its refusal rows.
        var pool = Probes.Table(Before.Where(r => r.Mu < 0.5).ToArray());
        var r = MethodFactory.Create(new CorOptions { Size = Ten, OnShortfall = ShortfallPolicy.Resample }).Build(new RaitBuildInput { Pool = pool });
        r.Summary.Rows.ShouldBe(2);
        r.Summary.Refusals.ShouldBe(2);
        r.Summary.Shortfalls.ShouldBe([new SetShortfall("known", 8, 0, 0)]);
    }

    [Fact]
    public void TakeAvailable_RecordsTheShortfallWithoutResampling()
    {
        var r = Build(new CorOptions { Size = Ten, OnShortfall = ShortfallPolicy.TakeAvailable });
        // 4 of 8 known kept, 2 of the 4 unknown refused.
        r.Summary.Rows.ShouldBe(6);
        r.Summary.Shortfalls.ShouldBe([new SetShortfall("known", 8, 4, 0)]);
    }

    [Fact]
    public void NoShortfall_RecordsNothing()
    {
        var r = Build(new CorOptions { Size = new SetSize { Total = 5 }, OnShortfall = ShortfallPolicy.Resample });
        r.Summary.Shortfalls.ShouldBeEmpty();
        r.Summary.Rows.ShouldBe(5);
        r.Summary.Refusals.ShouldBe(1);
    }

    [Fact]
    public void EqualSizes_EveryMethodBuildsTheSameRowCountAtFourToOne()
    {
        const ShortfallPolicy fill = ShortfallPolicy.Resample;
        var results = new MethodOptions[]
        {
            new VanOptions { Total = 10, OnShortfall = fill },
            new CorOptions { Size = Ten, OnShortfall = fill },
            new RTuningOptions { Mode = RTuningMode.Unknown, Certainty = RTuningCertainty.Mu, Size = 10, OnShortfall = fill },
            new CraftOptions { Size = Ten, OnShortfall = fill },
            new CraftOptions { Size = Ten, OnShortfall = fill, Variant = CraftVariant.WithoutFlow },
            new CraftOptions { Size = Ten, OnShortfall = fill, Variant = CraftVariant.WithoutCertainty },
        }.Select(Build).ToList();
        results.Select(r => r.Summary.Rows).ShouldAllBe(n => n == 10);
        // The methods with a ratio refuse exactly 2 of 10; Van never refuses; R-Tuning refuses its pool's unknown share.
        results.Where(r => r.Options is CorOptions or CraftOptions).Select(r => r.Summary.Refusals).ShouldAllBe(n => n == 2);
        results[0].Summary.Refusals.ShouldBe(0);
        // R-Tuning asked 10 of a pool of 8: all 8 once, 2 resampled.
        results[2].Summary.Shortfalls.ShouldBe([new SetShortfall("pool", 10, 8, 2)]);
    }
}
