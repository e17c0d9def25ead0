using Rait.Core.Random;
using Rait.Model.Generation;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Generation;

/// <summary>Rows that join a running batch, leave it early or carry their own options decode exactly as they would alone;
/// the cache grows in blocks and is freed when the batch empties.</summary>
public sealed class ContinuousBatchTests(GenerationTests.TinyStories fixture) : IClassFixture<GenerationTests.TinyStories>
{
    private static readonly int[] OnceUponATime = [1, 80, 147, 201, 282, 57];
    private static readonly int[] Other = [1, 80, 147, 201];
    private readonly LlamaForCausalLM _model = fixture.Model;

    private static SplitMix64 Stream(long seed) => SamplingOptions.SampleStream(seed, 0);

    private List<int> Alone(int[] prompt, SamplingOptions o, long seed)
    {
        using var batch = new ContinuousBatch(_model);
        var row = batch.Join(prompt, o, [o.Greedy ? null : Stream(seed)])[0];
        while (batch.Count > 0) batch.Step();
        return row.Tokens.ToList();
    }

    [Fact]
    public void Join_MidDecode_WithOwnOptions_SameTokensAsAlone()
    {
        // Given a greedy row that runs for 30 steps and sampled rows with their own options
        var greedy = new SamplingOptions { Temperature = 0, MaxNewTokens = 30, StopTokenIds = [-1] };
        var sampled = new SamplingOptions { Temperature = 0.9, TopK = 40, MinP = 0.05, MaxNewTokens = 6, StopTokenIds = [-1] };
        var penalised = new SamplingOptions { Temperature = 0, RepetitionPenalty = 2.0, MaxNewTokens = 30, StopTokenIds = [-1] };
        var expected = (Alone(OnceUponATime, greedy, 0), Alone(Other, sampled, 7), Alone(OnceUponATime, penalised, 0));

        // When the others join after 5 and 9 steps, and the sampled one leaves early
        using var batch = new ContinuousBatch(_model, positionBlock: 8);
        var first = batch.Join(OnceUponATime, greedy, [null])[0];
        for (int i = 0; i < 5; i++) batch.Step();
        var second = batch.Join(Other, sampled, [Stream(7)])[0];
        for (int i = 0; i < 4; i++) batch.Step();
        var third = batch.Join(OnceUponATime, penalised, [null])[0];
        int most = 0;
        while (batch.Count > 0)
        {
            most = Math.Max(most, batch.Count);
            batch.Step();
        }

        // Then every row has exactly its solo tokens
        first.Tokens.ShouldBe(expected.Item1);
        second.Tokens.ShouldBe(expected.Item2);
        third.Tokens.ShouldBe(expected.Item3);
        most.ShouldBe(3);
        // and the penalty changed the greedy text (it is applied), while the cache grew in blocks and was freed at the end
        expected.Item3.ShouldNotBe(expected.Item1);
        batch.PeakCacheBytes.ShouldBeGreaterThan(0);
        batch.CacheBytes.ShouldBe(0);
    }

    [Fact]
    public void Remove_RowBeforeItFinishes_OthersUnchanged()
    {
        var o = new SamplingOptions { Temperature = 0, MaxNewTokens = 10, StopTokenIds = [-1] };
        var expected = Alone(Other, o, 0);
        using var batch = new ContinuousBatch(_model);
        var gone = batch.Join(OnceUponATime, o, [null])[0];
        var kept = batch.Join(Other, o, [null])[0];
        batch.Step();
        batch.Step();
        batch.Remove([gone]);
        while (batch.Count > 0) batch.Step();

        kept.Tokens.ShouldBe(expected);
        gone.Tokens.Count.ShouldBe(2);
        gone.Finish.ShouldBeNull();
    }

    [Fact]
    public void LongRowLeaves_CacheShrinksToTheRowsLeft()
    {
        // Given a long row (6 + 100 positions) and a short one that joins near its end
        var o = new SamplingOptions { Temperature = 0, MaxNewTokens = 100, StopTokenIds = [-1] };
        using var batch = new ContinuousBatch(_model, positionBlock: 16);
        batch.Join(OnceUponATime, o, [null]);
        for (int i = 0; i < 95; i++) batch.Step();
        var shortRow = batch.Join(Other, o with { MaxNewTokens = 20 }, [null])[0];
        long whileLong = batch.CacheBytes;

        // When the long row finishes and the short one keeps decoding
        for (int i = 0; i < 6; i++) batch.Step();

        // Then the cache holds about what the short row needs, not the long row's length
        batch.Count.ShouldBe(1);
        shortRow.Finish.ShouldBeNull();
        batch.CacheBytes.ShouldBeLessThanOrEqualTo(whileLong / 2);
        while (batch.Count > 0) batch.Step();
        shortRow.Tokens.ShouldBe(Alone(Other, o with { MaxNewTokens = 20 }, 0));
    }

    [Fact]
    public void Sampler_MinP_DropsTokensBelowTheFloor()
    {
        // probabilities ∝ e^[0, -1, -3]: with min_p 0.3 only tokens with p ≥ 0.3 · p_max (logit ≥ ln 0.3 ≈ -1.2) stay
        using var logits = tensor(new[] { 0f, -1f, -3f }).unsqueeze(0).expand(4, 3).contiguous();
        double[] u = [0.0, 0.5, 0.9, 1.0 - Math.Pow(2, -53)];
        using var ids = Sampler.Next(logits, new SamplingOptions { MinP = 0.3 }, u);
        ids.data<long>().ToArray().ShouldAllBe(id => id == 0 || id == 1);
        ids.data<long>().ToArray().ShouldContain(1L);
    }

    [Fact]
    public void Sampler_RepetitionPenalty_DividesPositiveAndMultipliesNegativeLogitsOfSeenTokens()
    {
        // token 0 (logit 2, seen) → 2 / 4 = 0.5 < token 1's 1; token 2 (logit -1, seen) would go to -4
        using var logits = tensor(new[] { 2f, 1f, -1f }).unsqueeze(0);
        using var seen = tensor(new[] { true, false, true }).unsqueeze(0);
        using var greedy = Sampler.Next(logits, new SamplingOptions { Temperature = 0, RepetitionPenalty = 4 }, [], seen);
        using var plain = Sampler.Next(logits, new SamplingOptions { Temperature = 0 }, []);
        greedy.item<long>().ShouldBe(1);
        plain.item<long>().ShouldBe(0);
        Should.Throw<ArgumentException>(() => Sampler.Next(logits, new SamplingOptions { Temperature = 0, RepetitionPenalty = 2 }, []));
    }
}
