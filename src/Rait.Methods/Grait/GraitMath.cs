using System.Numerics;
using Rait.Methods.Options;

namespace Rait.Methods.Grait;

/// <summary>
/// The numeric pieces of GRAIT selection and weighting (spec §3.4-3.5), on L2-normalised gradient
/// features, so inner products are cosine similarities. Vectors are [d].
/// </summary>
public static class GraitMath
{
    /// <summary>⟨a, b⟩ with SIMD float lanes.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"length mismatch {a.Length} vs {b.Length}");
        int w = Vector<float>.Count, i = 0;
        var acc = Vector<float>.Zero;
        for (; i <= a.Length - w; i += w) acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        double sum = Vector.Dot(acc, Vector<float>.One);
        for (; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    /// <summary>Mean vector of <paramref name="vectors"/>; the zero vector when there are none. [d]</summary>
    public static float[] Mean(IReadOnlyList<float[]> vectors, int d)
    {
        var sum = new double[d];
        foreach (var v in vectors) for (int k = 0; k < d; k++) sum[k] += v[k];
        var mean = new float[d];
        if (vectors.Count == 0) return mean;
        for (int k = 0; k < d; k++) mean[k] = (float)(sum[k] / vectors.Count);
        return mean;
    }

    /// <summary>Sum vector of <paramref name="vectors"/>. [d]</summary>
    public static float[] Sum(IReadOnlyList<float[]> vectors, int d)
    {
        var sum = new double[d];
        foreach (var v in vectors) for (int k = 0; k < d; k++) sum[k] += v[k];
        return sum.Select(x => (float)x).ToArray();
    }

    /// <summary>
    /// Variant (c), the released script: S_j = Σ_v ⟨ĝ_idk(j), ĝ_van(v)⟩ = ⟨ĝ_idk(j), answerSum⟩; then
    /// <paramref name="greedySteps"/> times pick j* = argmax S (ties: lower index), remove it, and add
    /// ⟨ĝ_idk(j), ĝ_idk(j*)⟩ to every remaining S_j. Returns the remaining indices with their final S.
    /// </summary>
    public static List<(int Index, double Score)> GreedyResidual(IReadOnlyList<float[]> refusal, float[] answerSum, int greedySteps)
    {
        var s = refusal.Select(g => Dot(g, answerSum)).ToArray();
        var alive = new bool[refusal.Count];
        Array.Fill(alive, true);
        for (int step = 0; step < greedySteps; step++)
        {
            int best = -1;
            for (int j = 0; j < s.Length; j++) if (alive[j] && (best < 0 || s[j] > s[best])) best = j;
            if (best < 0) break;
            alive[best] = false;
            for (int j = 0; j < s.Length; j++) if (alive[j]) s[j] += Dot(refusal[j], refusal[best]);
        }
        return Enumerable.Range(0, s.Length).Where(j => alive[j]).Select(j => (j, s[j])).ToList();
    }

    /// <summary>
    /// ω_i = C · exp(±α_i/T) / Σ_k exp(±α_k/T) (max-subtracted for stability); the sign is
    /// <see cref="GraitWeightSign.LowerOverRefusal"/> (−) or <see cref="GraitWeightSign.CodeParity"/> (+).
    /// </summary>
    public static double[] AdaptiveWeights(IReadOnlyList<double> alpha, GraitWeightSign sign, double temperature, double c)
    {
        if (alpha.Count == 0) return [];
        double s = sign == GraitWeightSign.LowerOverRefusal ? -1 : 1;
        var z = alpha.Select(a => s * a / temperature).ToArray();
        double max = z.Max();
        var e = z.Select(x => Math.Exp(x - max)).ToArray();
        double total = e.Sum();
        return e.Select(x => c * x / total).ToArray();
    }
}
