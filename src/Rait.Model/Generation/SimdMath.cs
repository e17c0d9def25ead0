using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rait.Model.Generation;

/// <summary>
/// Vector kernels the CPU decode path needs inlined into its own fully optimised loops. The BCL's Vector256.Exp is a
/// separate generic method that starts in tier-0 code and stays there for the first few hundred milliseconds of a
/// process: a short generation ran its SiLU, softmax and log-sum-exp about ten times slower than this.
/// </summary>
internal static class SimdMath
{
    /// <summary>e^x per lane, within 2 ulp for x in [−87, 88] (clamped outside: 0 and +∞ are never returned).</summary>
    /// <remarks>Cephes' expf: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two parts, so r is exact to float), e^r by a
    /// degree-6 polynomial, 2^n put straight into the exponent bits.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87f)), Vector256.Create(88f));
        var n = Vector256.Round(x * Vector256.Create(1.44269504088896341f));
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-0.693359375f), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(2.12194440e-4f), r);
        var p = Vector256.Create(1.9875691500e-4f);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.3981999507e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        var y = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var scale = (Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23;
        return y * scale.AsSingle();
    }

    /// <summary>The index of the first largest entry (the first entry when all are NaN).</summary>
    public static int ArgMax(ReadOnlySpan<float> x) => IndexOf(x, Max(x));

    /// <summary>The index of the first entry equal to <paramref name="value"/> (0 when none is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOf(ReadOnlySpan<float> x, float value)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        var v = Vector256.Create(value);
        int i = 0;
        for (; i + 8 <= x.Length; i += 8)
        {
            uint hits = Vector256.Equals(Vector256.LoadUnsafe(ref xs, (nuint)i), v).ExtractMostSignificantBits();
            if (hits != 0) return i + BitOperations.TrailingZeroCount(hits);
        }
        for (; i < x.Length; i++) if (x[i] == value) return i;
        return 0;
    }

    /// <summary>The largest entry, ignoring NaNs (−∞ for none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Max(ReadOnlySpan<float> x)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        var acc = Vector256.Create(float.NegativeInfinity);
        int i = 0;
        // Max(v, acc) keeps acc when v is NaN (the second operand wins on unordered on x86; made explicit here).
        for (; i + 8 <= x.Length; i += 8)
        {
            var v = Vector256.LoadUnsafe(ref xs, (nuint)i);
            acc = Vector256.ConditionalSelect(Vector256.GreaterThan(v, acc), v, acc);
        }
        float max = float.NegativeInfinity;
        for (int j = 0; j < 8; j++) max = acc[j] > max ? acc[j] : max;
        for (; i < x.Length; i++) if (x[i] > max) max = x[i];
        return max;
    }

    /// <summary>x ← exp(x − shift); returns Σ x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float ExpShifted(Span<float> x, float shift)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        var vshift = Vector256.Create(shift);
        var acc = Vector256<float>.Zero;
        int i = 0;
        for (; i + 8 <= x.Length; i += 8)
        {
            var e = Exp(Vector256.LoadUnsafe(ref xs, (nuint)i) - vshift);
            e.StoreUnsafe(ref xs, (nuint)i);
            acc += e;
        }
        float total = Sum(acc);
        for (; i < x.Length; i++) total += x[i] = MathF.Exp(x[i] - shift);
        return total;
    }

    /// <summary>log Σ exp(x), given x's largest entry <paramref name="max"/> (factored out).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float LogSumExp(ReadOnlySpan<float> x, float max)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        var vmax = Vector256.Create(max);
        var acc = Vector256<float>.Zero;
        int i = 0;
        for (; i + 8 <= x.Length; i += 8) acc += Exp(Vector256.LoadUnsafe(ref xs, (nuint)i) - vmax);
        float total = Sum(acc);
        for (; i < x.Length; i++) total += MathF.Exp(x[i] - max);
        return max + MathF.Log(total);
    }

    /// <summary>The sum of the lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v)
    {
        var h = v.GetLower() + v.GetUpper();
        h += Vector128.Shuffle(h, Vector128.Create(2, 3, 0, 1));
        h += Vector128.Shuffle(h, Vector128.Create(1, 0, 3, 2));
        return h.ToScalar();
    }
}
