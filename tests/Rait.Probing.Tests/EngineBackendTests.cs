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
    public async Task GenerateAsync_StopString_DropsLogProbsAfterTheCut()
    {
        using var backend = new EngineBackend(fx.Model);
        var prompt = "Once upon a time, there was a little dog";
        OpenSampling Stops(params string[] stops) => new(0, 1.0, 1.0, 20, stops, false);
        var free = (await backend.GenerateAsync([new OpenQuery([], prompt, 1)], Stops(), CancellationToken.None)).Single();
        // Stop at the second word of the free-running greedy text: the result keeps only the tokens before it.
        var words = free.Greedy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        words.Length.ShouldBeGreaterThan(2);
        var cut = (await backend.GenerateAsync([new OpenQuery([], prompt, 1)], Stops(" " + words[1]), CancellationToken.None)).Single();
        cut.Greedy.ShouldBe(free.Greedy[..free.Greedy.IndexOf(" " + words[1], StringComparison.Ordinal)]);
        cut.Samples.ShouldBeEmpty();
        int kept = cut.GreedyLogProbs.Count;
        kept.ShouldBeLessThan(free.GreedyLogProbs.Count);
        cut.GreedyLogProbs.ShouldBe(free.GreedyLogProbs.Take(kept).ToList());
        // The kept tokens are exactly those needed to spell the cut text.
        var ids = fx.Model.Generate([fx.Model.EncodePrompt(prompt, chat: false)],
            new Model.Generation.SamplingOptions { Temperature = 0, MaxNewTokens = 20, StopStrings = ["\n"] }).Single().TokenIds;
        fx.Model.Tokenizer.Decode(ids.Take(kept)).ShouldStartWith(cut.Greedy);
        fx.Model.Tokenizer.Decode(ids.Take(kept - 1)).Length.ShouldBeLessThan(cut.Greedy.Length);
    }

    [Fact]
    public async Task GenerateAsync_MoreSamples_KeepsEarlierSamples_AndSeedsMatter()
    {
        using var backend = new EngineBackend(fx.Model);
        var q = new OpenQuery([], "Lily went to the park and", 42);
        var three = (await backend.GenerateAsync([q], new OpenSampling(3, 1.0, 1.0, 10, [], false), CancellationToken.None)).Single();
        var six = (await backend.GenerateAsync([q], new OpenSampling(6, 1.0, 1.0, 10, [], false), CancellationToken.None)).Single();
        var reseeded = (await backend.GenerateAsync([q with { Seed = 43 }], new OpenSampling(6, 1.0, 1.0, 10, [], false), CancellationToken.None)).Single();
        six.Samples.Take(3).ShouldBe(three.Samples);
        reseeded.Samples.ShouldNotBe(six.Samples);
        reseeded.Greedy.ShouldBe(six.Greedy);
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
