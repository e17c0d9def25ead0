using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Tests.Metrics;

public class SeedStudyTests
{
    [Theory]
    // Two-sided 95% critical values t_{0.975, df} from the standard tables.
    [InlineData(1, 12.706205)]
    [InlineData(2, 4.302653)]
    [InlineData(3, 3.182446)]
    [InlineData(4, 2.776445)]
    [InlineData(9, 2.262157)]
    [InlineData(30, 2.042272)]
    public void StudentT_Critical95_MatchesTables(int df, double expected)
    {
        StudentT.Critical95(df).ShouldBe(expected, 1e-6);
    }

    [Fact]
    public void StudentT_Cdf_IsSymmetricAndCauchyAtOneDf()
    {
        StudentT.Cdf(0, 5).ShouldBe(0.5, 1e-12);
        // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π.
        StudentT.Cdf(1, 1).ShouldBe(0.75, 1e-10);
        StudentT.Cdf(-2, 1).ShouldBe(0.5 + Math.Atan(-2) / Math.PI, 1e-10);
        StudentT.Quantile(0.025, 4).ShouldBe(-2.776445, 1e-6);
    }

    [Fact]
    public void SeedInterval_HandComputed()
    {
        // d = 1, 2, 3, 6: mean 3, s² = (4 + 1 + 0 + 9) / 3 = 14/3, s = 2.1602469, s/√4 = 1.0801234,
        // h = t_{0.975,3} · 1.0801234 = 3.1824463 · 1.0801234 = 3.4374348.
        var e = SeedInterval.Of([1, 2, 3, 6]);
        e.Value.ShouldBe(3, 1e-12);
        e.Lower.ShouldBe(3 - 3.4374348, 1e-6);
        e.Upper.ShouldBe(3 + 3.4374348, 1e-6);
    }

    [Fact]
    public void SeedInterval_OneValue_HasNoInterval()
    {
        var e = SeedInterval.Of([4.5]);
        e.Value.ShouldBe(4.5);
        double.IsNaN(e.Lower).ShouldBeTrue();
    }

    private static readonly IReadOnlyList<PaperOrdering> Orderings = SeedStudy.PaperOrderings("Van", "Cor", "CRaFT", "GRAIT");

    private static List<SeedScore> Scores(Func<long, string, (double ths, double over)> f) =>
        (from seed in new long[] { 1, 2, 3, 4 }
         from m in new[] { "Van", "Cor", "CRaFT", "GRAIT" }
         let v = f(seed, m)
         select new SeedScore(m, "ID", seed, v.ths, v.over)).ToList();

    [Fact]
    public void Compute_PairsBySeed_AndGivesTheHandComputedInterval()
    {
        // CRaFT − Cor per seed = 1, 2, 3, 6 (a seed effect of 10·seed cancels in the pairing).
        double[] gap = [1, 2, 3, 6];
        var study = SeedStudy.Compute(Scores((s, m) => m switch
        {
            "CRaFT" => (10 * s + gap[s - 1], 8 + s % 2),
            "Cor" => (10 * s, 5),
            "GRAIT" => (10 * s + gap[s - 1] + 20 + s % 2, 5),
            _ => (10 * s - 30 - s % 2, 0),
        }), Orderings);
        study.Seeds.ShouldBe(4);
        var d = study.Differences.Single(x => x.Comparison == new StudyComparison(StudyMetric.Ths, "CRaFT", "Cor") && x.Split == "ID");
        d.Seeds.ShouldBe([1L, 2, 3, 4]);
        d.Values.ShouldBe([1.0, 2, 3, 6]);
        d.Mean.Lower.ShouldBe(3 - 3.4374348, 1e-6);
        var v = study.Orderings.ToDictionary(o => o.Statement, o => o.Verdict);
        v["CRaFT ≥ Cor (THS)"].ShouldBe(OrderingVerdict.NotResolved); // interval [−0.44, 6.44] contains 0
        v["GRAIT ≥ CRaFT (THS)"].ShouldBe(OrderingVerdict.Holds);
        v["Van worst (THS below Cor, CRaFT and GRAIT)"].ShouldBe(OrderingVerdict.Holds);
        // Over-refusal CRaFT − Cor = 4, 3, 4, 3: the interval lies above 0, the opposite of the papers' claim.
        v["over-refusal of CRaFT < Cor"].ShouldBe(OrderingVerdict.Reversed);
    }

    [Fact]
    public void Verdict_HoldsNotResolvedReversed()
    {
        SeedStudy.Verdict([new Estimate(2, 0.5, 3.5)], expectPositive: true).ShouldBe(OrderingVerdict.Holds);
        SeedStudy.Verdict([new Estimate(2, -0.5, 4.5)], expectPositive: true).ShouldBe(OrderingVerdict.NotResolved);
        SeedStudy.Verdict([new Estimate(-2, -3.5, -0.5)], expectPositive: true).ShouldBe(OrderingVerdict.Reversed);
        SeedStudy.Verdict([new Estimate(-2, -3.5, -0.5)], expectPositive: false).ShouldBe(OrderingVerdict.Holds);
        // One reversed difference reverses the whole ordering; one unresolved keeps it unresolved.
        SeedStudy.Verdict([new Estimate(2, 1, 3), new Estimate(-2, -3, -1)], expectPositive: true).ShouldBe(OrderingVerdict.Reversed);
        SeedStudy.Verdict([new Estimate(2, 1, 3), new Estimate(1, -1, 3)], expectPositive: true).ShouldBe(OrderingVerdict.NotResolved);
        SeedStudy.Verdict([new Estimate(2, double.NaN, double.NaN)], expectPositive: true).ShouldBe(OrderingVerdict.NeedsSeeds);
    }

    [Fact]
    public void Compute_AblationOrderings_OnlyWhenTheAblationsRan()
    {
        var withNames = SeedStudy.PaperOrderings("Van", "Cor", "CRaFT", "GRAIT", "CorCer", "NoCer");
        withNames.Count.ShouldBe(6);
        var scores = new List<SeedScore>();
        for (long s = 1; s <= 3; s++)
        {
            scores.Add(new("CRaFT", "ID", s, 10 + s, 1));
            scores.Add(new("CorCer", "ID", s, 12 + 2 * s, 1)); // CRaFT − CorCer = −3, −4, −5: reversed
        }
        var study = SeedStudy.Compute(scores, withNames);
        study.Orderings.ShouldBe([new OrderingResult("CRaFT ≥ CorCer (THS, ablation)", "ID", OrderingVerdict.Reversed)]);
    }

    [Fact]
    public void Compute_OneSeed_NeedsSeeds()
    {
        var one = new List<SeedScore> { new("CRaFT", "ID", 1, 5, 1), new("Cor", "ID", 1, 3, 2) };
        var study = SeedStudy.Compute(one, Orderings);
        study.Seeds.ShouldBe(1);
        study.Orderings.ShouldAllBe(o => o.Verdict == OrderingVerdict.NeedsSeeds);
        // Orderings whose methods are missing (GRAIT, Van) are left out.
        study.Orderings.Select(o => o.Statement).ShouldBe(["CRaFT ≥ Cor (THS)", "over-refusal of CRaFT < Cor"]);
    }
}
