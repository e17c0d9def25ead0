using Rait.Model;
using TorchSharp;

namespace Rait.Training;

/// <summary>Whether a bfloat16 base (<see cref="TrainConfig.Bf16Base"/>) pays off on this CPU. Without AVX-512 BF16 or AMX,
/// libtorch's bfloat16 matmul can be a hundred times slower than float32: the option then only saves memory.</summary>
public static class Bf16Advice
{
    /// <summary>Measures both matmul speeds here (a few small matmuls) and returns <see cref="For"/>'s verdict.</summary>
    public static string? Check() =>
        For(MatmulPeak.Gflops(torch.ScalarType.BFloat16, n: 256, repeats: 3), MatmulPeak.Gflops(torch.ScalarType.Float32, n: 256, repeats: 3));

    /// <summary>A warning naming both speeds when bfloat16 runs at under half the float32 rate, else null.</summary>
    public static string? For(double bf16Gflops, double fp32Gflops) =>
        bf16Gflops >= 0.5 * fp32Gflops ? null
            : $"bf16_base: this CPU multiplies bfloat16 matrices at {bf16Gflops:F1} GFLOP/s against {fp32Gflops:F1} GFLOP/s in float32 "
              + $"(about {fp32Gflops / Math.Max(bf16Gflops, 1e-9):F0}x slower); the bfloat16 base halves its memory but training will be "
              + "that much slower. Leave bf16_base off unless memory is the limit.";
}
