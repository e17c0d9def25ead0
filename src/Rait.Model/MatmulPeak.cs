using System.Diagnostics;
using static TorchSharp.torch;

namespace Rait.Model;

/// <summary>The in-process matmul ceiling: what the bench compares every figure with, and how training checks that a
/// dtype is worth computing in on this CPU.</summary>
public static class MatmulPeak
{
    /// <summary>GFLOP/s of an n×n×n matmul in <paramref name="dtype"/>, best of a few repeats.</summary>
    public static double Gflops(ScalarType dtype, int n = 1024, int repeats = 8)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n).to(dtype);
        var b = randn(n, n).to(dtype);
        a.matmul(b).Dispose(); // warm-up
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            using var c = a.matmul(b);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
