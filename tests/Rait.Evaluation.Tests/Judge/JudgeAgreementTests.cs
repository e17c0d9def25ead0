using Rait.Core;
using Rait.Evaluation.Judge;

namespace Rait.Evaluation.Tests.Judge;

public sealed class JudgeAgreementTests
{
    private static IReadOnlyList<JudgeVerdict> Verdicts(params JudgeLabel[] labels) =>
        labels.Select((l, i) => new JudgeVerdict($"q{i}", l, l.ToString().ToUpperInvariant())).ToList();

    [Fact]
    public void Compute_HandExample_AgreementKappaAndConfusion()
    {
        const Outcome C = Outcome.Correct, W = Outcome.Wrong, R = Outcome.Refused;
        const JudgeLabel c = JudgeLabel.Correct, w = JudgeLabel.Wrong, r = JudgeLabel.Refused, u = JudgeLabel.Unparsed;
        // Ten compared items, one unparsed verdict and one fail-parse outcome (both left out).
        Outcome[] rules = [C, C, C, W, W, R, R, R, C, W, C, Outcome.FailParse];
        var judge = Verdicts(c, c, w, w, r, r, r, c, c, w, u, c);

        var a = JudgeAgreement.Compute(rules, judge);

        // By hand: rows = rule, columns = judge: C [3 1 0], W [0 2 1], R [1 0 2]; p_o = 7/10;
        // marginals rule (4, 3, 3), judge (4, 3, 3) → p_e = (16 + 9 + 9) / 100 = 0.34; κ = 0.36 / 0.66 = 6/11.
        a.Compared.ShouldBe(10);
        a.Unparsed.ShouldBe(1);
        a.RuleFailParse.ShouldBe(1);
        a.Agreement.ShouldBe(0.7, 1e-12);
        a.Kappa.ShouldBe(6.0 / 11.0, 1e-12);
        a.Confusion.Select(row => row.ToArray()).ToArray().ShouldBe(new[] { new[] { 3, 1, 0 }, new[] { 0, 2, 1 }, new[] { 1, 0, 2 } });
    }

    [Fact]
    public void Compute_PerfectAgreementOverTwoLabels_KappaOne()
    {
        var a = JudgeAgreement.Compute([Outcome.Correct, Outcome.Refused], Verdicts(JudgeLabel.Correct, JudgeLabel.Refused));
        a.Agreement.ShouldBe(1.0);
        a.Kappa.ShouldBe(1.0, 1e-12);
    }

    [Fact]
    public void Compute_BothSidesOneLabel_KappaNaN()
    {
        var a = JudgeAgreement.Compute([Outcome.Wrong, Outcome.Wrong], Verdicts(JudgeLabel.Wrong, JudgeLabel.Wrong));
        a.Agreement.ShouldBe(1.0);
        double.IsNaN(a.Kappa).ShouldBeTrue();
    }

    [Fact]
    public void Compute_AllUnparsed_NothingComparedAndNaN()
    {
        var a = JudgeAgreement.Compute([Outcome.Correct, Outcome.Wrong], Verdicts(JudgeLabel.Unparsed, JudgeLabel.Unparsed));
        a.Compared.ShouldBe(0);
        a.Unparsed.ShouldBe(2);
        double.IsNaN(a.Agreement).ShouldBeTrue();
        double.IsNaN(a.Kappa).ShouldBeTrue();
    }

    [Fact]
    public void Compute_LengthMismatch_Throws()
    {
        var e = Should.Throw<RaitException>(() => JudgeAgreement.Compute([Outcome.Correct], Verdicts()));
        e.Message.ShouldContain("1 rule outcomes but 0 judge verdicts");
    }
}
