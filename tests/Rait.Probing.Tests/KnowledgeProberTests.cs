using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Probing.Backends;
using Rait.Probing.Output;
using Rait.Tests;

namespace Rait.Probing.Tests;

public class KnowledgeProberTests(TinyModelFixture fx) : IClassFixture<TinyModelFixture>
{
    private async Task<ProbeRunResult> Run(ProbeConfig config, string data, string outPath, CancellationToken ct = default, IProgress<ProbeProgress>? progress = null)
    {
        using var backend = new EngineBackend(fx.Model);
        return await new KnowledgeProber(backend, config).RunAsync(data, outPath, progress, ct);
    }

    [Fact]
    public async Task RunAsync_OpenItems_OneRowPerQuestionWithMuInUnitInterval()
    {
        var dir = RepoPaths.NewTempDir();
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.OpenItems());
        var result = await Run(TinyModelFixture.SmallConfig(), data, Path.Combine(dir, "probe.jsonl"));

        var rows = Jsonl.Read<ProbeRecord>(result.JsonlPath);
        rows.Select(r => r.Id).ShouldBe(TinyModelFixture.OpenItems().Select(i => i.Id));
        foreach (var r in rows)
        {
            r.Mu.ShouldBeInRange(0, 1);
            r.Sigma.ShouldBeInRange(0, 1);
            r.Samples.Count.ShouldBe(4);
            r.SampleCorrect.Count.ShouldBe(4);
            r.Mu.ShouldBe(r.SampleCorrect.Count(c => c) / 4.0);
            r.GreedyAnswer.ShouldNotBeNull();
            r.ModelFingerprint.ShouldBe(fx.Model.Fingerprint);
            r.Meta.Source.ShouldBe("hand");
        }
        rows.SelectMany(r => r.Samples).Distinct().Count().ShouldBeGreaterThan(4);   // sampling, not greedy copies
        ProbeParquet.Read(result.ParquetPath!).Select(r => r.Id).ShouldBe(rows.Select(r => r.Id));
        File.Exists(result.SummaryPath).ShouldBeTrue();
        result.Summary.Count.ShouldBe(7);
        result.Summary.MuHistogram.Sum(b => b.Count).ShouldBe(7);
        result.Summary.ExposureBuckets.ShouldNotBeNull().Sum(b => b.Count).ShouldBe(7);
    }

    [Fact]
    public async Task RunAsync_SameSeed_IdenticalBytes_DifferentSeed_DifferentSamples()
    {
        var dir = RepoPaths.NewTempDir();
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.StoryItems());
        var a = await Run(TinyModelFixture.StoryConfig(seed: 1), data, Path.Combine(dir, "a.jsonl"));
        var b = await Run(TinyModelFixture.StoryConfig(seed: 1), data, Path.Combine(dir, "b.jsonl"));
        var c = await Run(TinyModelFixture.StoryConfig(seed: 2), data, Path.Combine(dir, "c.jsonl"));
        File.ReadAllBytes(a.JsonlPath).ShouldBe(File.ReadAllBytes(b.JsonlPath));
        a.Rows.SelectMany(r => r.Samples).ShouldNotBe(c.Rows.SelectMany(r => r.Samples));
        a.Rows.Select(r => r.GreedyAnswer).ShouldBe(c.Rows.Select(r => r.GreedyAnswer));   // greedy ignores the seed
    }

    [Fact]
    public async Task RunAsync_BatchSizeChanged_SameRows()
    {
        var dir = RepoPaths.NewTempDir();
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.StoryItems());
        var one = await Run(TinyModelFixture.StoryConfig(batchSize: 1), data, Path.Combine(dir, "b1.jsonl"));
        var five = await Run(TinyModelFixture.StoryConfig(batchSize: 5), data, Path.Combine(dir, "b5.jsonl"));
        File.ReadAllBytes(one.JsonlPath).ShouldBe(File.ReadAllBytes(five.JsonlPath));
    }

    [Fact]
    public async Task RunAsync_CancelledAfterFirstBatchThenRerun_SameBytesAsUninterrupted()
    {
        var dir = RepoPaths.NewTempDir();
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.StoryItems());
        var full = await Run(TinyModelFixture.StoryConfig(), data, Path.Combine(dir, "full.jsonl"));

        var killed = Path.Combine(dir, "killed.jsonl");
        using var cts = new CancellationTokenSource();
        var cancelAfterFirst = new SyncProgress(p => { if (p.Done - p.Resumed >= 3) cts.Cancel(); });
        await Should.ThrowAsync<OperationCanceledException>(() => Run(TinyModelFixture.StoryConfig(), data, killed, cts.Token, cancelAfterFirst));
        Jsonl.Read<ProbeRecord>(killed).Count.ShouldBe(3);                  // the first batch survived
        File.AppendAllText(killed, "{\"id\":\"s03\",\"kind\":\"Op");          // and a line torn by the kill

        var resumed = await Run(TinyModelFixture.StoryConfig(), data, killed);
        resumed.Resumed.ShouldBe(3);
        File.ReadAllBytes(killed).ShouldBe(File.ReadAllBytes(full.JsonlPath));
    }

    [Fact]
    public async Task RunAsync_StoryOpenings_SomeSamplesCorrectAndMuMatchesDecisions()
    {
        var dir = RepoPaths.NewTempDir();
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.StoryItems());
        var result = await Run(TinyModelFixture.StoryConfig() with { Samples = 10 }, data, Path.Combine(dir, "story.jsonl"));
        result.Rows.Sum(r => r.SampleCorrect.Count(c => c)).ShouldBeGreaterThan(0);
        result.Rows.ShouldAllBe(r => r.Mu == r.SampleCorrect.Count(c => c) / 10.0);
        result.Rows.Single(r => r.Id == "s6").Mu.ShouldBe(0);     // TinyStories has never heard of Mongolia
        result.Summary.ExposureAuroc.ShouldNotBeNull().ShouldAllBe(a => a.AurocSigma == null || (a.AurocSigma >= 0 && a.AurocSigma <= 1));
    }

    [Fact]
    public async Task RunAsync_ExistingOutputFromOtherPrompt_RefusesToMix()
    {
        var dir = RepoPaths.NewTempDir();
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.OpenItems(3));
        var outPath = Path.Combine(dir, "p.jsonl");
        await Run(TinyModelFixture.SmallConfig(), data, outPath);
        var e = await Should.ThrowAsync<RaitException>(() => Run(TinyModelFixture.SmallConfig() with { Prompt = PromptStyle.Refuse }, data, outPath));
        e.Message.ShouldContain("p.jsonl:1");
        e.Message.ShouldContain("prompt");
    }

    [Fact]
    public async Task RunAsync_MultipleChoice_LetterProbsBoundedAndMuNormalised()
    {
        var dir = RepoPaths.NewTempDir();
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.ChoiceItems());
        var result = await Run(TinyModelFixture.SmallConfig(), data, Path.Combine(dir, "mc.jsonl"));
        var items = TinyModelFixture.ChoiceItems();
        for (int i = 0; i < items.Count; i++)
        {
            var r = result.Rows[i];
            r.Kind.ShouldBe(QuestionKind.MultipleChoice);
            r.LetterProbs.Count.ShouldBe(items[i].Options.Count);
            r.LetterProbs.ShouldAllBe(p => p > 0 && p < 1);
            r.LetterProbs.Sum().ShouldBeLessThanOrEqualTo(1.0 + 1e-6);
            int gold = items[i].Options.ToList().FindIndex(o => o.Label == items[i].Target);
            r.PGold.ShouldBe(r.LetterProbs[gold]);
            r.Mu.ShouldBe(r.LetterProbs[gold] / r.LetterProbs.Sum(), 1e-12);
            r.Sigma.ShouldBe(r.LetterProbs.Sum(p => p * Math.Log(p)), 1e-9);
            r.Sigma.ShouldBeGreaterThanOrEqualTo(-Math.Log(items[i].Options.Count) - 1e-9);
            r.Answers.ShouldBe([items[i].Options[gold].Text]);
        }
        result.Summary.Quadrants.Single().Kind.ShouldBe("multiple_choice");
    }

    [Fact]
    public async Task RunAsync_MixedKinds_KeepsInputOrder()
    {
        var dir = RepoPaths.NewTempDir();
        var lines = TinyModelFixture.OpenItems(2).Select(Jsonl.Serialize).Concat(TinyModelFixture.ChoiceItems().Take(1).Select(Jsonl.Serialize))
            .Concat(TinyModelFixture.OpenItems(3).Skip(2).Select(Jsonl.Serialize));
        var data = Path.Combine(dir, "mixed.jsonl");
        File.WriteAllLines(data, lines);
        var result = await Run(TinyModelFixture.SmallConfig(batchSize: 4), data, Path.Combine(dir, "mixed-out.jsonl"));
        result.Rows.Select(r => r.Id).ShouldBe(["q00", "q01", "m0", "q02"]);
        result.Rows.Select(r => r.Kind).ShouldBe([QuestionKind.Open, QuestionKind.Open, QuestionKind.MultipleChoice, QuestionKind.Open]);
    }

    [Fact]
    public async Task RunAsync_AnswerLogprobCertainty_IsGeometricMeanOfGreedyTokens()
    {
        var dir = RepoPaths.NewTempDir();
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.StoryItems().Concat(TinyModelFixture.OpenItems(2)));
        var config = TinyModelFixture.StoryConfig() with { Certainty = CertaintyMethod.AnswerLogprob };
        var result = await Run(config, data, Path.Combine(dir, "lp.jsonl"));
        result.Rows.Where(r => r.GreedyAnswer != "").ShouldAllBe(r => r.Sigma > 0 && r.Sigma <= 1);
        result.Rows.Where(r => r.GreedyAnswer == "").ShouldAllBe(r => r.Sigma == 0);   // an empty answer asserts nothing
        result.Rows.Select(r => r.Sigma).Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task RunAsync_EmbeddingCertainty_IsMeanCosineOfSampleEmbeddings()
    {
        var dir = RepoPaths.NewTempDir();
        var modelDir = Path.Combine(dir, "emb");
        Directory.CreateDirectory(modelDir);
        string[] vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "she", "he", "was", "a", "the", "."];
        var table = new float[vocab.Length, 4];
        for (int i = 0; i < vocab.Length; i++) { table[i, i % 4] = 1; table[i, (i * 3 + 1) % 4] += 0.5f; }
        File.WriteAllBytes(Path.Combine(modelDir, "model.onnx"), OnnxModelWriter.GatherEmbedding(table));
        File.WriteAllLines(Path.Combine(modelDir, "vocab.txt"), vocab);
        var data = TinyModelFixture.WriteData(dir, TinyModelFixture.StoryItems().Take(3));
        var config = TinyModelFixture.StoryConfig() with { Certainty = CertaintyMethod.Embedding, EmbeddingModel = modelDir };
        using var embedder = Certainty.OnnxSentenceEmbedder.Load(modelDir);
        using var backend = new EngineBackend(fx.Model);
        var result = await new KnowledgeProber(backend, config, embedder).RunAsync(data, Path.Combine(dir, "e.jsonl"));
        foreach (var r in result.Rows)
            r.Sigma.ShouldBe(Certainty.OpenCertainty.EmbeddingConsistency(embedder.Embed(r.Samples)), 1e-6);
        result.Rows.Select(r => r.Sigma).Distinct().Count().ShouldBeGreaterThan(1);
    }

    private sealed class SyncProgress(Action<ProbeProgress> onReport) : IProgress<ProbeProgress>
    {
        public void Report(ProbeProgress value) => onReport(value);
    }
}
