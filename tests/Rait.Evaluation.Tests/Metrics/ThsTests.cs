using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Tests.Metrics;

public class ThsTests
{
    [Fact]
    public void Compute_CraftMmluLlama3_Is33Point9() =>
        Math.Round(Ths.Compute(53.3, 9.6, 66.8, 33.1), 1).ShouldBe(33.9);

    [Fact]
    public void Compute_Reference_IsZero() => Ths.Compute(66.8, 33.1, 66.8, 33.1).ShouldBe(0, 1e-12);

    [Fact]
    public void Compute_ReferenceNeverWrong_IsNaN() => double.IsNaN(Ths.Compute(50, 10, 90, 0)).ShouldBeTrue();

    // CRaFT Table (craft-grait.md §2.8): Pc2, Pw2 | Init-Basic Pc1, Pw1 -> published THS. The inputs are
    // rounded to 0.1, so the published value must lie in the THS range those roundings allow.
    // Cells the formula does not reproduce (about 1 point off, likely table typos): LLaMA3 MMLU w/o Flow (26.6 vs 27.2),
    // LLaMA2 MMLU Init-Refuse (2.8 vs 3.9), LLaMA2 MMLU Cor-RAIT (10.3 vs 11.3).
    [Theory]
    [InlineData(53.3, 9.6, 66.8, 33.1, 34.0)]    // LLaMA3 MMLU CRaFT
    [InlineData(63.9, 21.6, 66.8, 33.1, 20.4)]   // LLaMA3 MMLU Cor-RAIT
    [InlineData(50.0, 17.0, 66.8, 33.1, 15.6)]   // LLaMA3 MMLU Init-Refuse
    [InlineData(69.5, 30.5, 66.8, 33.1, 8.0)]    // LLaMA3 MMLU Van-Tuning
    [InlineData(62.1, 18.4, 66.8, 33.1, 25.0)]   // LLaMA3 MMLU w/o Cer
    [InlineData(74.1, 12.7, 80.6, 19.5, 21.4)]   // LLaMA3 ARC-c CRaFT
    [InlineData(79.4, 16.2, 80.6, 19.5, 12.2)]   // LLaMA3 ARC-c Cor-RAIT
    [InlineData(43.5, 10.9, 66.8, 33.2, 21.5)]   // LLaMA3 TriviaQA CRaFT
    [InlineData(55.0, 38.1, 66.8, 33.2, -21.8)]  // LLaMA3 TriviaQA Van-Tuning
    [InlineData(19.0, 27.5, 40.3, 59.7, 0.4)]    // LLaMA3 NQ CRaFT
    [InlineData(17.2, 25.6, 40.3, 59.7, -0.1)]   // LLaMA3 NQ Cor-RAIT
    [InlineData(38.5, 12.9, 54.0, 46.0, 23.3)]   // LLaMA2 TriviaQA CRaFT
    [InlineData(43.9, 36.4, 45.6, 52.8, 12.5)]   // LLaMA2 MMLU CRaFT
    public void Compute_CraftTableCell_IsReproducedWithinInputRounding(double pc2, double pw2, double pc1, double pw1, double published)
    {
        const double h = 0.05;
        // THS rises with Pc2 and Pw1 and falls with Pw2 and Pc1, so the extremes sit at the corners.
        double lo = Ths.Compute(pc2 - h, pw2 + h, pc1 + h, pw1 - h);
        double hi = Ths.Compute(pc2 + h, pw2 - h, pc1 - h, pw1 + h);
        published.ShouldBeInRange(lo - h, hi + h);
        Ths.Compute(pc2, pw2, pc1, pw1).ShouldBe(published, 0.25);
    }

    [Fact]
    public void Compute_TableTypoCell_IsOutsideRoundingRange()
    {
        // LLaMA3 MMLU w/o Flow: the formula gives 26.6, the table says 27.2; the test documents the gap.
        Ths.Compute(57.5 + 0.05, 15.3 - 0.05, 66.8 - 0.05, 33.1 + 0.05).ShouldBeLessThan(27.2 - 0.05);
    }
}
