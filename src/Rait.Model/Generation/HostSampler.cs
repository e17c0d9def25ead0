using System.Runtime.CompilerServices;

namespace Rait.Model.Generation;

/// <summary>
/// <see cref="Sampler"/>'s rules on one row of host float32 logits, in C#: repetition penalty, argmax or inverse-CDF
/// sampling in double precision after temperature, top-k, top-p and min-p, plus the row's log-probs. The CPU decoder of
/// small models uses it so that a decode step makes no libtorch call at all: besides the per-call cost, each parallel
/// libtorch reduction over [B, V] leaves OpenMP workers spinning for milliseconds on the core the decoder's second
/// thread needs.
/// </summary>
/// <remarks>Same masks and thresholds as <see cref="Sampler"/> (float32 where it computes in float32, the softmax and
/// CDF in double); sums run in another order, so a draw that lands within rounding of a CDF step may pick the neighbour
/// token. Tested against <see cref="Sampler"/> on the same logits and uniforms.</remarks>
internal sealed class HostSampler
{
    private float[] _scaled = [];
    private double[] _cdf = [];
    private int[] _order = [];

    /// <summary>The next token of a row.</summary>
    /// <param name="uniform">One draw in [0, 1); ignored when greedy.</param>
    /// <param name="seen">Tokens already in the row's prompt or output; used when the repetition penalty is not 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Next(ReadOnlySpan<float> logits, SamplingOptions o, double uniform, IReadOnlySet<int>? seen)
    {
        int v = logits.Length;
        if (_scaled.Length < v) (_scaled, _cdf, _order) = (new float[v], new double[v], new int[v]);
        var x = _scaled.AsSpan(0, v);
        logits.CopyTo(x);
        if (o.RepetitionPenalty != 1.0)
        {
            if (seen is null) throw new ArgumentException("repetition_penalty needs the tokens seen so far", nameof(seen));
            float rp = (float)o.RepetitionPenalty;
            foreach (var id in seen)
                if ((uint)id < (uint)v) x[id] = x[id] > 0 ? x[id] / rp : x[id] * rp;
        }
        if (o.Greedy) return SimdMath.ArgMax(x);
        float t = (float)o.Temperature;
        for (int i = 0; i < v; i++) x[i] /= t;
        if (o.TopK > 0 && o.TopK < v)
        {
            float kth = KthLargest(x, o.TopK);
            for (int i = 0; i < v; i++) if (x[i] < kth) x[i] = float.NegativeInfinity;
        }
        if (o.TopP < 1.0) MaskOutsideNucleus(x, (float)o.TopP);
        if (o.MinP > 0)
        {
            float floor = (float)(SimdMath.Max(x) + Math.Log(o.MinP));
            for (int i = 0; i < v; i++) if (x[i] < floor) x[i] = float.NegativeInfinity;
        }
        // softmax in double, then the first id whose cumulative mass exceeds u · total
        double max = SimdMath.Max(x), total = 0;
        var cdf = _cdf.AsSpan(0, v);
        for (int i = 0; i < v; i++) cdf[i] = total += Math.Exp(x[i] - max);
        double target = uniform * total;
        int chosen = 0;
        while (chosen < v && cdf[chosen] <= target) chosen++;
        return chosen;
    }

    /// <summary>Drops a token when the probability mass of the tokens ranked above it already reaches p (float32, as
    /// <see cref="Sampler"/>); the top token always stays.</summary>
    private void MaskOutsideNucleus(Span<float> x, float p)
    {
        int v = x.Length;
        var order = _order.AsSpan(0, v);
        for (int i = 0; i < v; i++) order[i] = i;
        var keys = x.ToArray();
        // Descending by value; equal values in id order, as a stable sort gives them.
        order.Sort((a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));
        float max = keys[order[0]], total = 0;
        for (int i = 0; i < v; i++) total += MathF.Exp(keys[order[i]] - max);
        float before = 0;
        for (int i = 0; i < v; i++)
        {
            float prob = MathF.Exp(keys[order[i]] - max) / total;
            if (before >= p) x[order[i]] = float.NegativeInfinity;
            before += prob;
        }
    }

    private static float KthLargest(ReadOnlySpan<float> x, int k)
    {
        var copy = x.ToArray();
        Array.Sort(copy);
        return copy[^k];
    }

    /// <summary>The <paramref name="k"/> largest entries, largest first: (ids, values).</summary>
    public static (int[] Ids, float[] Values) TopK(ReadOnlySpan<float> x, int k)
    {
        k = Math.Min(k, x.Length);
        var ids = new int[k];
        var values = new float[k];
        int n = 0;
        // Insertion into a sorted list of k: k is small (OpenAI allows at most 20 alternatives).
        for (int i = 0; i < x.Length; i++)
        {
            float value = x[i];
            if (n == k && value <= values[k - 1]) continue;
            int at = n < k ? n++ : k - 1;
            while (at > 0 && values[at - 1] < value)
            {
                values[at] = values[at - 1];
                ids[at] = ids[at - 1];
                at--;
            }
            values[at] = value;
            ids[at] = i;
        }
        return (ids, values);
    }
}
