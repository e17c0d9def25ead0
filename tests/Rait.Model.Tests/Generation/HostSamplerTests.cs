using Rait.Model.Generation;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Generation;

/// <summary>The C# picks of the CPU decode path follow <see cref="Sampler"/>'s rules, and its vector math is accurate.</summary>
public sealed class HostSamplerTests
{
    public static TheoryData<string> Options => new()
    {
        "greedy", "greedy+rep", "t1", "t0.7", "topk5", "topp0.8", "minp0.1", "t1.3+topk40+topp0.9+minp0.02+rep1.5",
    };

    private static SamplingOptions Parse(string name) => name switch
    {
        "greedy" => new SamplingOptions { Temperature = 0 },
        "greedy+rep" => new SamplingOptions { Temperature = 0, RepetitionPenalty = 3 },
        "t1" => new SamplingOptions { Temperature = 1 },
        "t0.7" => new SamplingOptions { Temperature = 0.7 },
        "topk5" => new SamplingOptions { TopK = 5 },
        "topp0.8" => new SamplingOptions { TopP = 0.8 },
        "minp0.1" => new SamplingOptions { MinP = 0.1 },
        _ => new SamplingOptions { Temperature = 1.3, TopK = 40, TopP = 0.9, MinP = 0.02, RepetitionPenalty = 1.5 },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void SameLogitsAndUniforms_SameTokensAsTheLibtorchSampler(string name)
    {
        // Given 200 rows of random logits over 300 tokens (peaked enough that the masks matter), one uniform per row,
        // and for the repetition penalty a set of seen tokens per row
        var o = Parse(name);
        const int rows = 200, vocab = 300;
        var rng = new Random(7);
        var values = Enumerable.Range(0, rows * vocab).Select(_ => (float)(rng.NextDouble() * 8 - 4 + (rng.Next(20) == 0 ? 4 : 0))).ToArray();
        var uniforms = Enumerable.Range(0, rows).Select(_ => rng.NextDouble()).ToArray();
        var seen = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, 30).Select(_ => rng.Next(vocab)).ToHashSet()).ToArray();
        using var logits = tensor(values).view(rows, vocab);
        using var seenMask = zeros([rows, vocab], ScalarType.Bool);
        for (int r = 0; r < rows; r++)
            foreach (var id in seen[r]) seenMask[r, id] = tensor(true);

        // When both pick every row
        using var want = Sampler.Next(logits, o, uniforms, o.RepetitionPenalty != 1.0 ? seenMask : null);
        var expected = want.data<long>().ToArray();
        var sampler = new HostSampler();
        var got = Enumerable.Range(0, rows).Select(r => sampler.Next(values.AsSpan(r * vocab, vocab), o, uniforms[r], seen[r])).ToArray();

        // Then they agree on every row but at most one (a draw within float rounding of a CDF step may differ)
        int differing = Enumerable.Range(0, rows).Count(r => got[r] != expected[r]);
        differing.ShouldBeLessThanOrEqualTo(1);
        if (!o.Greedy) got.Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Masks_KeepOnlyTheAllowedTokens()
    {
        // probabilities ≈ [0.704, 0.259, 0.035, 0.002]: top-k 2 keeps {0, 1}; top-p 0.75 keeps {0, 1} (the 0.963 before
        // token 2 reaches 0.75) and top-p 0.7 only {0}; min-p 0.3 keeps logits ≥ ln 0.3 ≈ −1.2, {0, 1}; with u close to 1
        // each picks its last allowed token
        float[] x = [0f, -1f, -3f, -6f];
        var sampler = new HostSampler();
        double high = 1.0 - Math.Pow(2, -53);
        sampler.Next(x, new SamplingOptions { TopK = 2 }, high, null).ShouldBe(1);
        sampler.Next(x, new SamplingOptions { TopP = 0.75 }, high, null).ShouldBe(1);
        sampler.Next(x, new SamplingOptions { TopP = 0.7 }, high, null).ShouldBe(0);
        sampler.Next(x, new SamplingOptions { MinP = 0.3 }, high, null).ShouldBe(1);
        sampler.Next(x, new SamplingOptions(), high, null).ShouldBe(3);
        sampler.Next(x, new SamplingOptions(), 0.0, null).ShouldBe(0);
        // the repetition penalty turns token 0 (seen, logit 2 → 0.5) below token 1
        sampler.Next([2f, 1f, -1f], new SamplingOptions { Temperature = 0, RepetitionPenalty = 4 }, 0, new HashSet<int> { 0, 2 }).ShouldBe(1);
        Should.Throw<ArgumentException>(() => sampler.Next(x, new SamplingOptions { RepetitionPenalty = 2 }, 0.5, null));
    }

    [Fact]
    public void TopK_LargestFirst()
    {
        var (ids, values) = HostSampler.TopK([0.5f, 3f, -1f, 3.5f, 2f, 0f], 3);
        ids.ShouldBe([3, 1, 4]);
        values.ShouldBe([3.5f, 3f, 2f]);
        HostSampler.TopK([1f, 2f], 5).Ids.ShouldBe([1, 0]);
    }

    [Fact]
    public void SimdMath_ExpArgMaxAndLogSumExp_MatchDoublePrecision()
    {
        // exp within 2 ulp on [−87, 88] (checked on 20,000 points, spread and near 0)
        var rng = new Random(3);
        var xs = Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? (float)(rng.NextDouble() * 175 - 87) : (float)(rng.NextDouble() * 2 - 1)).ToArray();
        double worst = 0;
        for (int i = 0; i < xs.Length; i += 8)
        {
            var e = SimdMath.Exp(System.Runtime.Intrinsics.Vector256.Create(xs, i));
            for (int j = 0; j < 8; j++)
            {
                double want = Math.Exp(xs[i + j]);
                double ulp = Math.Abs(MathF.BitIncrement((float)want) - (float)want);
                worst = Math.Max(worst, Math.Abs(e[j] - want) / ulp);
            }
        }
        worst.ShouldBeLessThanOrEqualTo(2.0);

        // argmax is the first largest, past the vector part and in the tail; NaNs are skipped
        var v = Enumerable.Range(0, 37).Select(i => (float)Math.Sin(i)).ToArray();
        v[20] = v[33] = 5f;
        SimdMath.ArgMax(v).ShouldBe(20);
        v[3] = float.NaN;
        SimdMath.ArgMax(v).ShouldBe(20);
        v[35] = 9f;
        SimdMath.ArgMax(v).ShouldBe(35);

        // log-sum-exp of 1,001 values (vector part and tail) equals the double-precision sum
        var w = Enumerable.Range(0, 1001).Select(_ => (float)(rng.NextDouble() * 40 - 20)).ToArray();
        double max = w.Max();
        double lse = max + Math.Log(w.Sum(t => Math.Exp(t - max)));
        Math.Abs(SimdMath.LogSumExp(w, w.Max()) - lse).ShouldBeLessThan(1e-4);
    }

    [Fact]
    public void SpinForkJoin_RunsEveryChunkOnce_AndRethrows()
    {
        // 1,000 calls of 7 chunks on 2 threads: every chunk runs exactly once per call, thread indices stay in range
        var counts = new int[7];
        bool badThread = false;
        for (int call = 0; call < 1000; call++)
            SpinForkJoin.Shared.For(7, 2, (chunk, thread) =>
            {
                if (thread is < 0 or > 1) badThread = true;
                Interlocked.Increment(ref counts[chunk]);
            });
        counts.ShouldAllBe(c => c == 1000);
        badThread.ShouldBeFalse();

        // an exception in any chunk reaches the caller after the others finished
        int ran = 0;
        Should.Throw<InvalidOperationException>(() => SpinForkJoin.Shared.For(6, 2, (chunk, _) =>
        {
            Interlocked.Increment(ref ran);
            if (chunk == 4) throw new InvalidOperationException("chunk 4");
        }));
        ran.ShouldBe(6);
    }
}
