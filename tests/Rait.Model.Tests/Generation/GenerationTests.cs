using Rait.Core;
using Rait.Model.Checkpoints;
using Rait.Model.Generation;
using Rait.Model.Llama;
using Rait.Tests;
using TorchSharp;

namespace Rait.Model.Tests.Generation;

/// <summary>Batched, cached, seeded generation behaves exactly like its simple definition.</summary>
public sealed class GenerationTests : IClassFixture<GenerationTests.TinyStories>
{
    public sealed class TinyStories : IDisposable
    {
        public LlamaForCausalLM Model { get; } = HfModelLoader.Load(RepoPaths.Fixture("tinystories-656k"));
        public void Dispose() => Model.Dispose();
    }

    private static readonly int[] OnceUponATime = [1, 80, 147, 201, 282, 57];
    private readonly LlamaForCausalLM _model;

    public GenerationTests(TinyStories fixture) => _model = fixture.Model;

    [Fact]
    public void Greedy_LeftPaddedBatch_EqualsOneByOne()
    {
        // Given prompts of different lengths
        int[][] prompts = [OnceUponATime, [1, 80], [1, 80, 147, 201]];
        var gen = new BatchGenerator(_model);
        var o = new SamplingOptions { Temperature = 0, MaxNewTokens = 20 };

        // When generated together and alone
        var together = gen.Generate(prompts, o);
        var alone = prompts.Select(p => gen.Generate([p], o)[0]).ToList();

        // Then the tokens agree and the log-probs agree closely
        for (int i = 0; i < prompts.Length; i++)
        {
            together[i].TokenIds.ShouldBe(alone[i].TokenIds);
            for (int j = 0; j < alone[i].LogProbs.Count; j++)
                together[i].LogProbs[j].ShouldBe(alone[i].LogProbs[j], 1e-3);
        }
    }

    [Fact]
    public void CachedDecoding_LogProbs_EqualFullForwardScores()
    {
        // Given a greedy continuation produced with the KV cache
        var seq = new BatchGenerator(_model).Generate([OnceUponATime], new SamplingOptions { Temperature = 0, MaxNewTokens = 25 })[0];

        // When the same continuation is scored by one uncached forward pass
        var score = new Scorer(_model).Score([(OnceUponATime, seq.TokenIds)])[0];

        // Then every token's log-prob matches
        for (int j = 0; j < seq.TokenIds.Count; j++) score.TokenLogProbs[j].ShouldBe(seq.LogProbs[j], 1e-3);
    }

    [Fact]
    public void Sampling_SameSeed_SameOutput_DifferentSeed_Differs()
    {
        var gen = new BatchGenerator(_model);
        SamplingOptions Opts(long seed) => new() { Temperature = 1.0, TopP = 0.95, TopK = 50, MaxNewTokens = 30, Seed = seed, NumSamples = 4 };
        var a = gen.Generate([OnceUponATime], Opts(11));
        var b = gen.Generate([OnceUponATime], Opts(11));
        var c = gen.Generate([OnceUponATime], Opts(12));
        a.Select(s => s.TokenIds).ShouldBe(b.Select(s => s.TokenIds));
        a.Select(s => string.Join(",", s.TokenIds)).ShouldNotBe(c.Select(s => string.Join(",", s.TokenIds)));
        a.Count.ShouldBe(4);
        a.Select(s => s.SampleIndex).ShouldBe([0, 1, 2, 3]);
        a.Select(s => string.Join(",", s.TokenIds)).Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void NumSamples_ManyPrompts_OrderedByPromptThenSample()
    {
        var outs = new BatchGenerator(_model).Generate([OnceUponATime, [1, 80]], new SamplingOptions { MaxNewTokens = 5, NumSamples = 3, Seed = 1 });
        outs.Select(s => (s.PromptIndex, s.SampleIndex)).ShouldBe([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]);
    }

    [Fact]
    public void StopToken_EndsSequence_WithStopReason()
    {
        var greedy = new BatchGenerator(_model).Generate([OnceUponATime], new SamplingOptions { Temperature = 0, MaxNewTokens = 10 })[0];
        int stopAt = greedy.TokenIds[3];
        var stopped = new BatchGenerator(_model).Generate([OnceUponATime], new SamplingOptions { Temperature = 0, MaxNewTokens = 10, StopTokenIds = [stopAt] })[0];
        stopped.Finish.ShouldBe(FinishReason.Stop);
        stopped.TokenIds.Last().ShouldBe(stopAt);
        stopped.TokenIds.Count.ShouldBeLessThanOrEqualTo(4);
        greedy.Finish.ShouldBe(FinishReason.Length);
    }

    [Fact]
    public void TinyStoriesLoss_FarBelowUniform()
    {
        // A TinyStories-style sentence, tokenized by the fixture's own tokenizer, scores far below ln(V)
        var tok = Rait.Model.Tokenization.TokenizerLoader.Load(RepoPaths.Fixture("tinystories-656k"));
        var ids = tok.Encode("Once upon a time, there was a little girl named Lily. She loved to play outside in the park with her friends.");
        var loss = -new Scorer(_model).Score([(ids.Take(1).ToArray(), ids.Skip(1).ToArray())])[0].Mean;
        loss.ShouldBeLessThan(Math.Log(2048) / 2); // uniform guessing would be ln(2048) = 7.6
        // and its own greedy continuation is confident text, not noise
        var seq = new BatchGenerator(_model).Generate([OnceUponATime], new SamplingOptions { Temperature = 0, MaxNewTokens = 40 })[0];
        (-seq.LogProbs.Average(x => (double)x)).ShouldBeLessThan(Math.Log(2048) / 3);
    }

    [Fact]
    public void Generate_HundredCalls_LiveTensorCountStaysFlat()
    {
        var gen = new BatchGenerator(_model);
        var o = new SamplingOptions { MaxNewTokens = 8, NumSamples = 2, Seed = 3 };
        gen.Generate([OnceUponATime], o); // warm-up
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 100; i++) gen.Generate([OnceUponATime, [1, 80]], o with { Seed = i });
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        (after - before).ShouldBeLessThanOrEqualTo(0);
    }

    [Fact]
    public void BadPrompts_ClearErrors()
    {
        var gen = new BatchGenerator(_model);
        Should.Throw<RaitException>(() => gen.Generate([Array.Empty<int>()], new SamplingOptions())).Message.ShouldContain("empty prompt");
        Should.Throw<RaitException>(() => gen.Generate([Enumerable.Repeat(5, 600).ToArray()], new SamplingOptions())).Message.ShouldContain("max_position_embeddings");
        Should.Throw<RaitException>(() => gen.Generate([OnceUponATime], new SamplingOptions { TopP = 0 })).Message.ShouldContain("top_p");
        Should.Throw<RaitException>(() => gen.Generate([[1, 99999]], new SamplingOptions())).Message.ShouldContain("outside the vocabulary");
    }
}
