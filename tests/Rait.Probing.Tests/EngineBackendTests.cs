using Rait.Probing.Backends;
using Rait.Probing.Prompts;
using TorchSharp;

namespace Rait.Probing.Tests;

public class EngineBackendTests(TinyModelFixture fx) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public async Task GenerateAsync_ManyBatches_LiveTensorCountStaysFlat()
    {
        using var backend = new EngineBackend(fx.Model);
        var sampling = new OpenSampling(4, 1.0, 1.0, 8, [], Chat: false);
        var counts = new List<long>();
        for (int batch = 0; batch < 6; batch++)
        {
            var queries = Enumerable.Range(0, 4).Select(i => new OpenQuery([], $"Once upon a time, there was a {batch} {i}", (ulong)(batch * 10 + i))).ToList();
            await backend.GenerateAsync(queries, sampling, CancellationToken.None);
            counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
        counts.Skip(1).ShouldAllBe(c => c == counts[0]);
    }

    [Fact]
    public async Task GenerateAsync_QuestionAloneOrInBatch_SameSamples()
    {
        using var backend = new EngineBackend(fx.Model);
        var sampling = new OpenSampling(3, 1.0, 0.9, 8, [], Chat: false);
        var target = new OpenQuery([], "Lily went to the park and", 42);
        var alone = (await backend.GenerateAsync([target], sampling, CancellationToken.None)).Single();
        var others = new OpenQuery([], "A very long prompt about a dog named Max who liked to run in the big green park", 7);
        var batched = (await backend.GenerateAsync([others, target], sampling, CancellationToken.None))[1];
        batched.Samples.ShouldBe(alone.Samples);
        batched.Greedy.ShouldBe(alone.Greedy);
    }

    [Fact]
    public async Task GenerateAsync_GreedyRow_MatchesEngineGreedyGeneration()
    {
        using var backend = new EngineBackend(fx.Model);
        var prompt = "Once upon a time, there was a little dog";
        var mine = (await backend.GenerateAsync([new OpenQuery([], prompt, 1)], new OpenSampling(1, 1.0, 1.0, 12, [], false), CancellationToken.None)).Single();
        var ids = fx.Model.EncodePrompt(prompt, chat: false);
        var engine = fx.Model.Generate([ids], new Model.Generation.SamplingOptions { Temperature = 0, MaxNewTokens = 12, StopStrings = ["\n"] }).Single();
        mine.Greedy.ShouldBe(engine.Text);
        // The engine keeps the log-prob of a token that spelled the stop string; the prober drops it.
        engine.LogProbs.Count.ShouldBeGreaterThanOrEqualTo(mine.GreedyLogProbs.Count);
        mine.GreedyLogProbs.Count.ShouldBeGreaterThan(0);
        mine.GreedyLogProbs.ShouldBe(engine.LogProbs.Take(mine.GreedyLogProbs.Count).ToList(), tolerance: 1e-5);
    }

    [Fact]
    public void SeededBatchSampler_StopString_DropsTokensAfterTheCut()
    {
        var sampler = new SeededBatchSampler(fx.Model.Model, fx.Model.Tokenizer, fx.Model.PadId);
        var ids = fx.Model.EncodePrompt("Once upon a time, there was a little dog", chat: false);
        var s = new OpenSampling(0, 1.0, 1.0, 20, [], false);
        var free = sampler.Run([ids], [new SampleRow(0, true, 0)], s, fx.Model.StopTokenIds, [], CancellationToken.None).Single();
        // Stop at the second word of the free-running greedy text: the result keeps only the tokens before it.
        var words = free.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        words.Length.ShouldBeGreaterThan(2);
        var cut = sampler.Run([ids], [new SampleRow(0, true, 0)], s, fx.Model.StopTokenIds, [" " + words[1]], CancellationToken.None).Single();
        cut.Text.ShouldBe(free.Text[..free.Text.IndexOf(" " + words[1], StringComparison.Ordinal)]);
        fx.Model.Tokenizer.Decode(cut.TokenIds).ShouldStartWith(cut.Text);
        cut.TokenIds.Count.ShouldBeLessThan(free.TokenIds.Count);
        cut.LogProbs.ShouldBe(free.LogProbs.Take(cut.LogProbs.Count).ToList());
        fx.Model.Tokenizer.Decode(cut.TokenIds.Take(cut.TokenIds.Count - 1)).Length.ShouldBeLessThan(cut.Text.Length);
    }

    [Fact]
    public void LetterTokens_TinyStoriesTokenizer_DistinctSpaceLetterTokens()
    {
        var prompt = new ProbePrompts(new ProbeConfig()).MultipleChoice(TinyModelFixture.ChoiceItems()[0]);
        var ids = fx.Model.Tokenizer.Encode(prompt, addSpecialTokens: true);
        var letters = LetterTokens.Resolve(fx.Model.Tokenizer, prompt, ids, ["A", "B", "C", "D"]);
        letters.Distinct().Count().ShouldBe(4);
        letters.Select(i => fx.Model.Tokenizer.Decode([i]).Trim()).ShouldBe(["A", "B", "C", "D"]);
    }

    [Fact]
    public void MultipleChoicePrompt_FollowsCraftLayout()
    {
        var p = new ProbePrompts(new ProbeConfig()).MultipleChoice(TinyModelFixture.ChoiceItems()[2]);
        p.ShouldBe("There is a single choice question about story time. Answer the question by replying A, B, C, D or E." +
                   "Question: Who was happy?\nA. Tom\nB. Sue\nC. Max\nD. the dog\nE. everyone\nAnswer:");
    }
}
