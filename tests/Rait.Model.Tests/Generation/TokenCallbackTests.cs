using Rait.Model.Generation;
using Rait.Model.Llama;
using Rait.Model.Tokenization;
using Rait.Tests;

namespace Rait.Model.Tests.Generation;

/// <summary>The per-step token callback sees exactly the returned tokens and changes nothing.</summary>
public sealed class TokenCallbackTests(GenerationTests.TinyStories fixture) : IClassFixture<GenerationTests.TinyStories>
{
    private static readonly int[] OnceUponATime = [1, 80, 147, 201, 282, 57];
    private static readonly int[] Short = [1, 80];
    private static readonly int[] Other = [1, 80, 147, 201];
    private readonly LlamaForCausalLM _model = fixture.Model;

    [Fact]
    public void Generate_BatchWithStopsAndPruning_CallbackTokensEqualReturnedTokens()
    {
        // Given a sampled batch of 3 prompts × 2 samples where a stop token and a stop string end rows at different steps
        var tok = TokenizerLoader.Load(RepoPaths.Fixture("tinystories-656k"));
        var gen = new BatchGenerator(_model);
        var o = new SamplingOptions { Temperature = 1.0, MaxNewTokens = 24, NumSamples = 2, PromptSeeds = [3, 4, 5] };
        var probe = gen.Generate([OnceUponATime, Short, Other], o);
        o = o with { StopTokenIds = [probe[2].TokenIds[1]], StopStrings = ["."] };
        Func<IReadOnlyList<int>, string> decode = ids => tok.Decode(ids);

        // When generated with and without a callback
        var seen = Enumerable.Range(0, 6).Select(_ => new List<int>()).ToArray();
        var finishes = Enumerable.Range(0, 6).Select(_ => new List<FinishReason?>()).ToArray();
        var order = new List<int>();
        var withCallback = gen.Generate([OnceUponATime, Short, Other], o, decode, onToken: (s, id, finish) => { seen[s].Add(id); finishes[s].Add(finish); order.Add(s); });
        var without = gen.Generate([OnceUponATime, Short, Other], o, decode);

        // Then the callback saw each sequence's returned ids in order, and the output is unchanged
        for (int s = 0; s < 6; s++)
        {
            seen[s].ShouldBe(withCallback[s].TokenIds, $"sequence {s}");
            withCallback[s].TokenIds.ShouldBe(without[s].TokenIds);
            withCallback[s].LogProbs.ShouldBe(without[s].LogProbs);
            // and heard the finish reason with the last token only
            finishes[s][^1].ShouldBe(withCallback[s].Finish, $"sequence {s}");
            finishes[s].Take(finishes[s].Count - 1).ShouldAllBe(f => f == null);
        }
        withCallback.Select(s => s.TokenIds.Count).Distinct().Count().ShouldBeGreaterThan(1);
        withCallback.ShouldContain(s => s.Finish == FinishReason.Stop);
        // The first step reports every sequence, lowest index first.
        order.Take(6).ShouldBe([0, 1, 2, 3, 4, 5]);
    }

    [Fact]
    public void Generate_CutByMaxTokens_LastCallbackSaysLength()
    {
        var heard = new List<(int Seq, FinishReason? Finish)>();
        var outs = new BatchGenerator(_model).Generate([OnceUponATime, Short], new SamplingOptions { Temperature = 0, MaxNewTokens = 3, StopTokenIds = [-1] },
            onToken: (s, _, finish) => heard.Add((s, finish)));

        outs.ShouldAllBe(o => o.Finish == FinishReason.Length);
        heard.Select(h => h.Finish).ShouldBe([null, null, null, null, FinishReason.Length, FinishReason.Length]);
    }
}
