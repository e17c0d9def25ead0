using Rait.Core;
using Rait.Model.Generation;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Generation;

/// <summary>Every sampled sequence draws from its own stream: batch mates, NumSamples and pruning never change it.</summary>
public sealed class SeededSamplingTests(GenerationTests.TinyStories fixture) : IClassFixture<GenerationTests.TinyStories>
{
    private static readonly int[] OnceUponATime = [1, 80, 147, 201, 282, 57];
    private static readonly int[] Short = [1, 80];
    private static readonly int[] Other = [1, 80, 147, 201];
    private readonly LlamaForCausalLM _model = fixture.Model;

    private static string Key(GeneratedSequence s) => string.Join(",", s.TokenIds);

    [Fact]
    public void Sampled_PromptAloneOrInBatchWithPruning_SameTokens()
    {
        // Given a stop token that ends some rows early, so the batch gets pruned while the target still decodes
        var gen = new BatchGenerator(_model);
        var o = new SamplingOptions { Temperature = 1.0, TopP = 0.95, MaxNewTokens = 20, NumSamples = 3 };
        var probe = gen.Generate([Short], o with { PromptSeeds = [9] });
        var stop = probe[0].TokenIds[1];
        o = o with { StopTokenIds = [stop] };

        // When the target prompt is decoded alone and between other prompts
        var alone = gen.Generate([OnceUponATime], o with { PromptSeeds = [42] });
        var batched = gen.Generate([Short, OnceUponATime, Other], o with { PromptSeeds = [9, 42, 5] });

        // Then its samples are identical and the short prompt really did stop early
        batched.Where(s => s.PromptIndex == 1).Select(Key).ShouldBe(alone.Select(Key));
        batched[0].Finish.ShouldBe(FinishReason.Stop);
        batched[0].TokenIds.Count.ShouldBe(2);
        alone.Select(Key).Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Sampled_MoreSamples_KeepsEarlierSamples()
    {
        var gen = new BatchGenerator(_model);
        var o = new SamplingOptions { Temperature = 1.0, MaxNewTokens = 15, Seed = 17 };
        var two = gen.Generate([OnceUponATime, Short], o with { NumSamples = 2 });
        var five = gen.Generate([OnceUponATime, Short], o with { NumSamples = 5 });
        five.Where(s => s.SampleIndex < 2).Select(Key).ShouldBe(two.Select(Key));
    }

    [Fact]
    public void PromptSeeds_DecideSamples_SeedIgnored()
    {
        var gen = new BatchGenerator(_model);
        var o = new SamplingOptions { Temperature = 1.0, MaxNewTokens = 15, NumSamples = 2 };
        var same = gen.Generate([OnceUponATime, OnceUponATime], o with { Seed = 1, PromptSeeds = [5, 5] });
        var otherSeed = gen.Generate([OnceUponATime], o with { Seed = 2, PromptSeeds = [5] });
        var different = gen.Generate([OnceUponATime, OnceUponATime], o with { PromptSeeds = [5, 6] });

        same.Where(s => s.PromptIndex == 1).Select(Key).ShouldBe(same.Where(s => s.PromptIndex == 0).Select(Key));
        otherSeed.Select(Key).ShouldBe(same.Where(s => s.PromptIndex == 0).Select(Key));
        different.Where(s => s.PromptIndex == 1).Select(Key).ShouldNotBe(different.Where(s => s.PromptIndex == 0).Select(Key));
    }

    [Fact]
    public void PromptSeeds_WrongCount_ClearError()
    {
        var o = new SamplingOptions { PromptSeeds = [1, 2] };
        Should.Throw<RaitException>(() => new BatchGenerator(_model).Generate([OnceUponATime], o)).Message.ShouldContain("prompt_seeds");
    }

    [Fact]
    public void TopK1_Sampled_EqualsGreedy()
    {
        var gen = new BatchGenerator(_model);
        var greedy = gen.Generate([OnceUponATime, Short], new SamplingOptions { Temperature = 0, MaxNewTokens = 20 });
        var sampled = gen.Generate([OnceUponATime, Short], new SamplingOptions { Temperature = 1.5, TopK = 1, MaxNewTokens = 20, NumSamples = 3, Seed = 4 });
        foreach (var s in sampled) Key(s).ShouldBe(Key(greedy[s.PromptIndex]));
    }

    [Fact]
    public void Sampler_TopP_NeverEmitsTokensOutsideNucleus_AndSplitsMassExactly()
    {
        // p = (0.5, 0.3, 0.15, 0.05), top_p 0.7 keeps tokens 0 and 1, renormalised to (0.625, 0.375)
        using var logits = tensor(new[] { 0.5f, 0.3f, 0.15f, 0.05f }).log().unsqueeze(0).expand(6, 4).contiguous();
        double[] u = [0.0, 0.3, 0.62, 0.63, 0.9, 1.0 - Math.Pow(2, -53)];
        using var ids = Sampler.Next(logits, new SamplingOptions { TopP = 0.7 }, u);
        ids.data<long>().ToArray().ShouldBe([0L, 0, 0, 1, 1, 1]);
    }

    [Fact]
    public void Sampler_ZeroProbabilityTokens_NeverChosen()
    {
        // Masked tokens in the middle and at the end: the cumulative mass is flat over them
        using var logits = tensor(new[] { 0f, float.NegativeInfinity, 0f, float.NegativeInfinity }).unsqueeze(0).expand(4, 4).contiguous();
        double[] u = [0.0, 0.5, 0.75, 1.0 - Math.Pow(2, -53)];
        using var ids = Sampler.Next(logits, new SamplingOptions(), u);
        ids.data<long>().ToArray().ShouldBe([0L, 2, 2, 2]);
    }

    [Fact]
    public void Sampler_TopK_KeepsOnlyTheKMostLikely()
    {
        using var logits = tensor(new[] { 1f, 4f, 2f, 3f }).unsqueeze(0).expand(5, 4).contiguous();
        double[] u = [0.0, 0.25, 0.5, 0.75, 1.0 - Math.Pow(2, -53)];
        using var ids = Sampler.Next(logits, new SamplingOptions { TopK = 2 }, u);
        ids.data<long>().ToArray().ShouldAllBe(id => id == 1 || id == 3);
    }
}
