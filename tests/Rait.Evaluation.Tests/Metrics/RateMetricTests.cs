using Rait.Core;
using Rait.Evaluation;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Tests.Metrics;

public class RateMetricTests
{
    [Fact]
    public void OutcomeRates_Counts_ArePercentOfAll()
    {
        var r = OutcomeRates.Compute(TestRows.Make(5, 3, 1, 1));
        (r.N, r.Correct, r.Wrong, r.Refused, r.FailParse).ShouldBe((10, 50.0, 30.0, 10.0, 10.0));
    }

    [Fact]
    public void MacroAverage_UnequalSubjects_WeighsSubjectsEqually()
    {
        var rows = TestRows.Make(1, 1, 0, subject: "x").Concat(TestRows.Make(8, 0, 0, subject: "y")).ToList();
        MacroAverage.Rates(rows).Correct.ShouldBe(75.0);
        OutcomeRates.Compute(rows).Correct.ShouldBe(90.0);
    }

    [Fact]
    public void MacroAverage_MissingSubject_ThrowsNamingItem() =>
        Should.Throw<RaitException>(() => MacroAverage.Rates(TestRows.Make(1, 0, 0))).Message.ShouldContain("item q0");

    [Fact]
    public void OverRefusal_KnownItems_CountsRefusals()
    {
        EvalRow R(Outcome o, bool? known) => new() { Id = Guid.NewGuid().ToString(), Outcome = o, BaseKnown = known };
        var rows = new[] { R(Outcome.Refused, true), R(Outcome.Correct, true), R(Outcome.Refused, false), R(Outcome.Refused, null) };
        OverRefusal.Compute(rows, [0, 1, 2, 3]).ShouldBe(50.0);
        double.IsNaN(OverRefusal.Compute(rows, [2, 3])).ShouldBeTrue();
    }

    [Fact]
    public void Hallucination_UnseenFacts_CountsWrongAnswersOnly()
    {
        EvalRow R(Outcome o, int? exposure) => new() { Id = Guid.NewGuid().ToString(), Outcome = o, Exposure = exposure };
        var rows = new[] { R(Outcome.Wrong, 0), R(Outcome.Refused, 0), R(Outcome.FailParse, 0), R(Outcome.Correct, 0), R(Outcome.Wrong, 5) };
        Hallucination.Compute(rows, [0, 1, 2, 3, 4]).ShouldBe(25.0);
    }

    [Fact]
    public void RefusalByExposure_Edges_BucketRows()
    {
        EvalRow R(Outcome o, int e) => new() { Id = Guid.NewGuid().ToString(), Outcome = o, Exposure = e };
        var rows = new[] { R(Outcome.Refused, 0), R(Outcome.Wrong, 0), R(Outcome.Refused, 2), R(Outcome.Correct, 10), R(Outcome.Correct, 40) };
        var buckets = RefusalByExposure.Compute("craft", "id", rows, [0, 1, 10]);
        buckets.Select(b => b.Label).ShouldBe(["0", "1-9", "10+"]);
        buckets.Select(b => b.N).ShouldBe([2, 1, 2]);
        buckets.Select(b => b.RefusalRate).ShouldBe([50.0, 100.0, 0.0]);
    }
}
