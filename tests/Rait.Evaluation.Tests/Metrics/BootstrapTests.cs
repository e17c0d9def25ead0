using Rait.Core;
using Rait.Evaluation;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Tests.Metrics;

public class BootstrapTests
{
    [Fact]
    public void Resamples_Stratified_KeepGroupSizes()
    {
        int[][] strata = [[0, 1], [2, 3, 4, 5]];
        foreach (var s in Bootstrap.Resamples(6, new BootstrapOptions { Replicates = 50 }, strata))
        {
            s[..2].ShouldAllBe(i => i == 0 || i == 1);
            s[2..].ShouldAllBe(i => i >= 2);
        }
    }

    [Fact]
    public void Quantile_Linear_MatchesNumpyDefault() =>
        Bootstrap.Quantile([1.0, 2.0, 3.0, 4.0], 0.25).ShouldBe(1.75, 1e-12);

    [Fact]
    public void Evaluate_SameSeed_IsReproducible_OtherSeedDiffers()
    {
        var rows = TestRows.Make(200, 150, 50);
        var a = MethodEvaluator.Evaluate("m", "id", rows, null, new EvaluationOptions());
        var b = MethodEvaluator.Evaluate("m", "id", rows, null, new EvaluationOptions());
        var c = MethodEvaluator.Evaluate("m", "id", rows, null, new EvaluationOptions { Bootstrap = new() { Seed = 99 } });
        a.ShouldBe(b);
        c.Correct.Lower.ShouldNotBe(a.Correct.Lower);
    }

    [Fact]
    public void Evaluate_HalfCorrect400_IntervalWidthMatchesBinomial()
    {
        // p = 0.5, n = 400: SE = 2.5 points, so the 95% half-width is about 4.9.
        var r = MethodEvaluator.Evaluate("m", "id", TestRows.Make(200, 200, 0), null, new EvaluationOptions());
        r.Correct.Value.ShouldBe(50.0);
        (r.Correct.Upper - r.Correct.Value).ShouldBeInRange(3.9, 5.9);
        (r.Correct.Value - r.Correct.Lower).ShouldBeInRange(3.9, 5.9);
    }

    [Fact]
    public void Evaluate_WithReference_ThsMatchesCraftArithmetic()
    {
        var rows = TestRows.Make(533, 96, 371);
        var reference = TestRows.Make(668, 331, 1);
        foreach (var mode in new[] { ThsReferenceMode.Paired, ThsReferenceMode.Fixed })
        {
            var r = MethodEvaluator.Evaluate("craft", "id", rows, reference, new EvaluationOptions { ThsReference = mode });
            Math.Round(r.Ths!.Value, 1).ShouldBe(33.9);
            r.Ths.Lower.ShouldBeLessThan(r.Ths.Value);
            r.Ths.Upper.ShouldBeGreaterThan(r.Ths.Value);
        }
    }

    [Fact]
    public void Evaluate_PairedReferenceMissingItem_Throws()
    {
        var reference = TestRows.Make(5, 5, 0);
        reference[3] = reference[3] with { Id = "other" };
        Should.Throw<RaitException>(() => MethodEvaluator.Evaluate("m", "id", TestRows.Make(5, 5, 0), reference, new EvaluationOptions()))
            .Message.ShouldContain("q3");
    }

    [Fact]
    public void Evaluate_OptionalSignals_AppearOnlyWhenPresent()
    {
        var rows = TestRows.Make(30, 20, 10).Select((r, i) => r with { Confidence = r.Outcome == Outcome.Correct ? 0.9 : 0.1 * (i % 5), BaseKnown = i % 2 == 0 }).ToList();
        var r = MethodEvaluator.Evaluate("m", "id", rows, null, new EvaluationOptions { Bootstrap = new() { Replicates = 200 } });
        r.Ths.ShouldBeNull();
        r.Hallucination.ShouldBeNull();
        r.AveragePrecision!.Value.ShouldBe(100.0, 1e-9);
        r.Auroc!.Value.ShouldBe(100.0, 1e-9);
        r.OverRefusal.ShouldNotBeNull();
    }

    [Fact]
    public void Evaluate_InvalidOptions_ListsKeys() =>
        Should.Throw<RaitException>(() => MethodEvaluator.Evaluate("m", "id", TestRows.Make(1, 0, 0), null,
            new EvaluationOptions { Bootstrap = new() { Replicates = -1, Level = 1.5 } }))
            .Message.ShouldSatisfyAllConditions(m => m.ShouldContain("eval.bootstrap.replicates"), m => m.ShouldContain("eval.bootstrap.level"));
}
