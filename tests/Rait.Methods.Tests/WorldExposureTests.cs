using Rait.Core.Records;
using Rait.Methods.Options;
using Xunit.Abstractions;

namespace Rait.Methods.Tests;

/// <summary>
/// Issue 6, end to end on data: each method builds a set from the tiny world's train pool (probe results
/// consistent with ground-truth exposure), and the refusal share among never-seen facts (exposure 0) is
/// compared with the share among well-seen facts (exposure ≥ 3; the tiny world's maximum is 6). A
/// selection that over-refuses known facts would show up as a high well-seen share.
/// </summary>
public class WorldExposureTests(ITestOutputHelper output)
{
    private static IReadOnlyList<ProbeRecord> Pool() => WorldPool.Open();

    private static RaitBuildResult Build(MethodOptions options)
    {
        var pool = Pool();
        return MethodFactory.Create(options).Build(new RaitBuildInput
        {
            Pool = WorldPool.Table(pool),
            Rehearsed = options is CraftOptions { Variant: not CraftVariant.WithoutFlow } ? WorldPool.Rehearsed(pool) : null,
            Gradients = options is GraitOptions ? WorldPool.Gradients(pool) : null,
        });
    }

    public const int WellSeen = 3;

    /// <summary>Refusal share among rows of exposure 0 and of exposure ≥ <see cref="WellSeen"/>; NaN when a group has no row.</summary>
    private (double Never, double Well) Shares(string name, RaitBuildResult r)
    {
        double Share(Func<int, bool> group)
        {
            var rows = r.Examples.Where(e => group(e.Meta.Exposure!.Value)).ToList();
            return rows.Count == 0 ? double.NaN : (double)rows.Count(e => ExampleReasonOf(e).IsRefusal()) / rows.Count;
        }
        var (never, well) = (Share(x => x == 0), Share(x => x >= WellSeen));
        output.WriteLine($"{name,-16} rows {r.Summary.Rows,3}  never-seen {never,5:0.00}  well-seen {well,5:0.00}  | " +
            string.Join("  ", r.Summary.ByExposure.Select(b => $"exp {b.Bucket}: {b.Refusals}/{b.Rows}")));
        return (never, well);
    }

    private static ExampleReason ExampleReasonOf(Rait.Core.Records.SftExample e) =>
        Enum.GetValues<ExampleReason>().Single(x => x.Wire() == e.Reason);

    private static SetSize Size => new() { Total = 60, KeepParts = 2, RefuseParts = 1 };

    public static TheoryData<string, MethodOptions> Refusing => new()
    {
        { "cor", new CorOptions { Size = Size, OnShortfall = ShortfallPolicy.TakeAvailable } },
        { "craft", new CraftOptions { Size = Size, OnShortfall = ShortfallPolicy.TakeAvailable } },
        { "rtuning unknown", new RTuningOptions { Mode = RTuningMode.Unknown } },
        { "rtuning unsure", new RTuningOptions { Mode = RTuningMode.Unsure } },
        { "grait", new GraitOptions { Size = Size, OnShortfall = ShortfallPolicy.TakeAvailable } },
    };

    [Theory]
    [MemberData(nameof(Refusing))]
    public void Build_TinyWorld_NeverSeenRefusedMoreThanWellSeen(string name, MethodOptions options)
    {
        var r = Build(options);
        var (never, well) = Shares(name, r);

        never.ShouldBeGreaterThan(0.9, name);
        well.ShouldBe(0.0, name);
        never.ShouldBeGreaterThan(well);
    }

    [Fact]
    public void Build_TinyWorldVan_RefusesNothing()
    {
        var r = Build(new VanOptions { Total = 60 });
        var (never, well) = Shares("van", r);

        r.Summary.Refusals.ShouldBe(0);
        never.ShouldBe(0.0);
        well.ShouldBe(0.0);
    }

    [Fact]
    public void Build_TinyWorldCraft_FlowKeepsRarelySeenOutOfIdkSet()
    {
        // Exposure-1 facts (μ 0.4) are unknown but gain correctness after rehearsal, so only CRaFT's flow filter
        // drops them. Without flow (CorCer-RAIT) the least certain unknowns are exactly those rarely-seen facts.
        var r = Build(new CraftOptions { Size = Size, OnShortfall = ShortfallPolicy.TakeAvailable });
        var ablation = Build(new CraftOptions { Size = Size, Variant = CraftVariant.WithoutFlow, OnShortfall = ShortfallPolicy.TakeAvailable });
        Shares("craft w/o flow", ablation);

        Pool().Count(p => p.Meta.Exposure == 1).ShouldBeGreaterThan(0);
        r.Examples.Where(e => e.Reason == "unknown:refuse").ShouldAllBe(e => e.Meta.Exposure == 0);
        r.Candidates["dropped_by_flow"].ShouldBe(Pool().Count(p => p.Meta.Exposure == 1));
        ablation.Examples.Where(e => e.Reason == "unknown:refuse").ShouldContain(e => e.Meta.Exposure == 1);
    }

    [Fact]
    public void Build_TinyWorldContext_NoContextRowsRefuseNeverSeenOnly()
    {
        var r = MethodFactory.Create(new ContextRefusalOptions { Total = 80, OnShortfall = ShortfallPolicy.TakeAvailable })
            .Build(new RaitBuildInput { Pool = WorldPool.Table(WorldPool.Contexts()) });
        Shares("context", r);

        var noContext = r.Examples.Where(e => e.Reason.StartsWith("no_context:", StringComparison.Ordinal)).ToList();
        noContext.ShouldNotBeEmpty();
        noContext.Where(e => e.Meta.Exposure == 0).ShouldAllBe(e => e.Reason == "no_context:refuse");
        noContext.Where(e => e.Meta.Exposure >= WellSeen).ShouldAllBe(e => e.Reason == "no_context:keep");
    }
}
