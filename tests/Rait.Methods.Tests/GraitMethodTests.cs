using Rait.Core;
using Rait.Core.Records;
using Rait.Methods.Grait;
using Rait.Methods.Options;

namespace Rait.Methods.Tests;

/// <summary>
/// Hand-computed GRAIT example (d = 2, all vectors unit length):
///   known:   K1 μ=0.9, K2 μ=0.8, refusal grads (1,0), (1,0), answer grads (0,1), (0,1)
///   unknown: U1 μ=0.1 (1,0), U2 μ=0.2 (0,1), U3 μ=0.3 (0.6,0.8); H μ=0.5 is in neither group.
///   mean_ik ĝ_idk  = (1, 0)
///   mean_idk ĝ_idk = ((1+0+0.6)/3, (0+1+0.8)/3) = (0.5333, 0.6)
///   (a) I_i = ⟨g_i, mean_idk⟩: U1 0.5333, U2 0.6, U3 0.6·0.5333 + 0.8·0.6 = 0.8  → order U3, U2, U1
///   α_i = ⟨g_i, mean_ik⟩ − I_i: U3 0.6 − 0.8 = −0.2, U2 0 − 0.6 = −0.6
///   T = 0.2, sign −: exponents −α/T = 1 (U3), 3 (U2); C = 0.5 · 2 = 1
///   ω_U2 = e³/(e³+e¹) = 1/(1+e⁻²) = 0.8807971, ω_U3 = 1/(1+e²) = 0.1192029 (code sign: swapped)
///   (c) answer sum over D_ik = (0,2): S = U1 0, U2 2, U3 1.6; one greedy step removes U2 and adds
///       ⟨g_j, g_U2⟩: U1 0 + 0 = 0, U3 1.6 + 0.8 = 2.4 → lowest remaining: U1.
/// </summary>
public class GraitMethodTests
{
    private static readonly float[] Up = [0f, 1f];

    private static RaitBuildInput Input()
    {
        var pool = new[]
        {
            Probes.Mc("K1", 0.9), Probes.Mc("K2", 0.8), Probes.Mc("U1", 0.1), Probes.Mc("U2", 0.2), Probes.Mc("U3", 0.3), Probes.Mc("H", 0.5),
        };
        var grads = new[]
        {
            G("K1", [1f, 0f]), G("K2", [1f, 0f]), G("U1", [1f, 0f]), G("U2", [0f, 1f]), G("U3", [0.6f, 0.8f]), G("H", [1f, 0f]),
        };
        return new RaitBuildInput { Pool = Probes.Table(pool), Gradients = new GradientTable("grads.jsonl", grads) };
    }

    private static GradientFeature G(string id, float[] refusal) => new() { Id = id, AnswerGrad = Up, RefusalGrad = refusal };

    private static GraitOptions Options => new() { Size = new SetSize { Total = 4, KeepParts = 1, RefuseParts = 1 }, Temperature = 0.2 };

    [Fact]
    public void Build_MeanAlignment_SelectsMostAlignedIdkAndMostCorrectKnown()
    {
        var r = MethodFactory.Create(Options).Build(Input());
        Probes.Ids(r, "known:keep").ShouldBe(["K1", "K2"]);
        Probes.Ids(r, "unknown:refuse").ShouldBe(["U2", "U3"]);
        r.Examples.ShouldNotContain(e => e.SourceId == "H"); // μ = 0.5 excluded from both groups
    }

    [Fact]
    public void Build_AdaptiveWeights_MatchHandComputedValues()
    {
        var r = MethodFactory.Create(Options).Build(Input());
        r.Examples.Single(e => e.SourceId == "U2").Weight.ShouldBe(0.8807971, 1e-6);
        r.Examples.Single(e => e.SourceId == "U3").Weight.ShouldBe(0.1192029, 1e-6);
        r.Examples.Where(e => e.Reason == "known:keep").ShouldAllBe(e => e.Weight == 1.0);
    }

    [Fact]
    public void Build_CodeParitySign_SwapsTheWeights()
    {
        var r = MethodFactory.Create(Options with { Sign = GraitWeightSign.CodeParity }).Build(Input());
        r.Examples.Single(e => e.SourceId == "U2").Weight.ShouldBe(0.1192029, 1e-6);
        r.Examples.Single(e => e.SourceId == "U3").Weight.ShouldBe(0.8807971, 1e-6);
    }

    [Fact]
    public void Build_WeightSumAndUniform_AreHonoured()
    {
        var summed = MethodFactory.Create(Options with { WeightSum = 500 }).Build(Input());
        summed.Examples.Where(e => e.Reason == "unknown:refuse").Sum(e => e.Weight).ShouldBe(500, 1e-9);
        var uniform = MethodFactory.Create(Options with { Weighting = GraitWeighting.Uniform }).Build(Input());
        uniform.Examples.ShouldAllBe(e => e.Weight == 1.0);
    }

    [Fact]
    public void Build_GreedyResidualLowest_FollowsTheReleasedScript()
    {
        var o = Options with { Selection = GraitSelection.GreedyResidualLowest, Size = new SetSize { Total = 3, KeepParts = 2, RefuseParts = 1 } };
        var r = MethodFactory.Create(o).Build(Input());
        Probes.Ids(r, "unknown:refuse").ShouldBe(["U1"]);
        r.Examples.Single(e => e.SourceId == "U1").Weight.ShouldBe(0.5, 1e-12); // one sample: C · 1 = 0.5
    }

    [Fact]
    public void GreedyResidual_ReturnsRemainingScores()
    {
        float[][] refusal = [[1f, 0f], [0f, 1f], [0.6f, 0.8f]];
        var rest = GraitMath.GreedyResidual(refusal, [0f, 2f], 1);
        rest.Select(t => t.Index).ShouldBe([0, 2]);
        rest[0].Score.ShouldBe(0, 1e-6);
        rest[1].Score.ShouldBe(2.4, 1e-6);
    }

    [Fact]
    public void Build_MissingGradient_ThrowsNamingId()
    {
        var input = Input();
        input = input with { Gradients = new GradientTable("grads.jsonl", input.Gradients!.Rows.Where(g => g.Id != "U3").ToList()) };
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(Options).Build(input));
        ex.Message.ShouldContain("grads.jsonl");
        ex.Message.ShouldContain("U3");
    }

    [Fact]
    public void Build_UnnormalisedGradient_Throws()
    {
        var input = Input();
        var rows = input.Gradients!.Rows.Select(g => g.Id == "U1" ? g with { RefusalGrad = [2f, 0f] } : g).ToList();
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(Options).Build(input with { Gradients = new GradientTable("grads.jsonl", rows) }));
        ex.Message.ShouldContain("L2 norm 2");
    }

    [Fact]
    public void Build_WithoutGradients_Throws() =>
        Should.Throw<RaitException>(() => MethodFactory.Create(Options).Build(Input() with { Gradients = null }))
            .Message.ShouldContain("gradient feature table is required");

    [Fact]
    public void AdaptiveWeights_LargeAlphas_StayFinite()
    {
        var w = GraitMath.AdaptiveWeights([100, -100, 0], GraitWeightSign.LowerOverRefusal, 0.05, 3);
        w.Sum().ShouldBe(3, 1e-9);
        w[1].ShouldBe(3, 1e-9);
    }
}

public class GradientTableTests
{
    [Fact]
    public void Load_JsonlRoundTrip_KeepsVectors()
    {
        var dir = Rait.Tests.RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "grads.jsonl");
        Rait.Core.Io.Jsonl.Write(path, new[] { new GradientFeature { Id = "a", AnswerGrad = [0.6f, 0.8f], RefusalGrad = [1f, 0f] } });
        File.ReadAllText(path).ShouldContain("\"answer_grad\":[0.6,0.8]");
        var t = GradientTable.Load(path);
        t.Rows.Single().AnswerGrad.ShouldBe([0.6f, 0.8f]);
        t.Rows.Single().RefusalGrad.ShouldBe([1f, 0f]);
    }
}
