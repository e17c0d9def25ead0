namespace Rait.Training.Tests;

/// <summary>A bfloat16 base is flagged when this CPU's bfloat16 matmul is far slower than float32.</summary>
public sealed class Bf16AdviceTests
{
    [Fact]
    public void For_Bf16HundredTimesSlower_WarnsWithBothSpeedsAndTheRatio()
    {
        var warning = Bf16Advice.For(bf16Gflops: 1.1, fp32Gflops: 110);

        warning.ShouldNotBeNull();
        warning.ShouldContain("1.1 GFLOP/s");
        warning.ShouldContain("110.0 GFLOP/s");
        warning.ShouldContain("about 100x slower");
    }

    [Theory]
    [InlineData(300, 110)] // AMX-class CPUs: bfloat16 faster than float32
    [InlineData(55, 110)]  // exactly half: still worth it for the memory
    public void For_Bf16AtLeastHalfAsFast_NoWarning(double bf16, double fp32) =>
        Bf16Advice.For(bf16, fp32).ShouldBeNull();
}
