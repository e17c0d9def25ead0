using TorchSharp;
using System.Diagnostics;
using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Core.Text;
using Rait.Model;
using Rait.Model.Checkpoints;
using Rait.Model.Generation;
using Rait.Model.Llama;
using Rait.Model.Tokenization;
using Rait.Probing;
using Rait.Probing.Backends;
using Rait.Training;
using Rait.Training.Data;
using Rait.World.Catalog;
using Rait.World.Store;
using static TorchSharp.torch;

namespace Rait.Pipeline.World;

/// <summary>
/// `rait world pretrain`: trains a small Llama from a random initialisation on the world's corpus with
/// Rait's own trainer (full training, loss on every token), saves a standard HF folder (config.json,
/// model.safetensors, tokenizer.json, tokenizer_config.json with the chat template), then measures the
/// knowledge boundary: greedy accuracy by exposure bucket, and per-fact base correctness in the ground truth.
/// </summary>
public sealed class WorldPretrainer(WorldPretrainOptions options)
{
    public const string ReportFile = "pretrain_report.json";

    /// <exception cref="RaitException">An output folder that holds something else, or a corrupt world.</exception>
    public WorldPretrainReport Run(LoadedWorld world, string modelDir, IProgress<TrainProgress>? progress = null, CancellationToken ct = default)
    {
        if (Directory.Exists(modelDir) && Directory.EnumerateFileSystemEntries(modelDir).Any() && !File.Exists(Path.Combine(modelDir, "config.json")) && !Directory.Exists(Path.Combine(modelDir, "checkpoints")))
            throw new RaitException($"{modelDir}: exists and is not a model folder; choose an empty or new folder.");
        // An override must obey the same range as the world plan's pretrain.weight_decay.
        if (options.WeightDecay is { } decay && !(decay >= 0 && decay < 1))
            throw new RaitException($"weight decay: expected a value in [0, 1), got {decay}.");
        var clock = Stopwatch.StartNew();
        var tokenizer = TokenizerLoader.Load(world.Directory);
        var plan = world.Data.Config.Pretrain;
        int eos = tokenizer.TokenToId(Rait.World.Corpus.WorldChatFormat.ImEnd) ?? throw new RaitException($"{world.Directory}: tokenizer.json lacks <|im_end|>.");
        var shape = WorldModelShape.For(world.Data.Config.Size, tokenizer.VocabSize, plan.SequenceLength, eos);
        var data = Pack(world, tokenizer, plan.SequenceLength, options.Epochs ?? plan.Epochs);
        var config = new TrainConfig
        {
            Mode = TrainMode.Full, Epochs = 1, BatchSize = options.BatchSize, LearningRate = options.LearningRate,
            WarmupRatio = 0.05, Schedule = ScheduleKind.Cosine, MaxGradNorm = 1.0, WeightDecay = options.WeightDecay ?? plan.WeightDecay,
            MaxLength = plan.SequenceLength, Seed = options.Seed, CheckpointEvery = 200, Normalization = LossNormalization.Count,
        };
        var work = Path.Combine(modelDir, "pretrain-work");
        Directory.CreateDirectory(work);
        TrainResult result;
        var device = Rait.Model.ComputeDevice.Resolve(options.Device, "device");
        using (var model = NewModel(shape, options.Seed))
        {
            if (device.type != DeviceType.CPU) model.to(device);
            var trainable = model.named_parameters().Select(p => (p.name, p.parameter)).ToList();
            using (var trainer = new Trainer(model, config, trainable, tokenizer.PadId ?? eos))
                result = trainer.Run(data, work, resume: true, progress, ct);
            HfCheckpoint.Save(model, modelDir);
        }
        ModelFolder.CopyTokenizer(world.Directory, modelDir);
        var report = Measure(world, modelDir, result, data.Sum(d => (long)d.InputIds.Length), clock.Elapsed.TotalSeconds, shape.ParameterCount());
        AtomicFile.WriteAllText(Path.Combine(modelDir, ReportFile), Jsonl.Serialize(report));
        Directory.Delete(work, recursive: true);
        return report;
    }

    /// <summary>A freshly initialised model: N(0, 0.02) weights (GPT-2 style), unit norms; seeded.</summary>
    public static LlamaForCausalLM NewModel(LlamaConfig shape, long seed)
    {
        var model = new LlamaForCausalLM(shape);
        // its own generator, not libtorch's process-wide one: whatever else runs in the process, the seed alone decides
        using var rng = new Generator(unchecked((ulong)seed));
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
            if (!name.EndsWith("norm.weight", StringComparison.Ordinal)) p.normal_(0, 0.02, rng);
        return model;
    }

    /// <summary>Each planned epoch's documents (in the world's seeded order) tokenized and packed into
    /// sequence_length-token rows with the loss on every token.</summary>
    public static List<TokenizedExample> Pack(LoadedWorld world, ITokenizer tokenizer, int sequenceLength, int epochs)
    {
        var corpus = world.ReadCorpus();
        var docIds = corpus.Documents.Select(d => tokenizer.Encode(d.Text + Rait.World.Corpus.PretrainCorpus.Separator, addSpecialTokens: false)).ToList();
        var rows = new List<TokenizedExample>();
        for (int e = 0; e < epochs; e++)
        {
            var stream = corpus.EpochOrder(e).SelectMany(i => docIds[i]).ToList();
            for (int start = 0; start + 2 <= stream.Count; start += sequenceLength)
            {
                var ids = stream.GetRange(start, Math.Min(sequenceLength, stream.Count - start)).ToArray();
                rows.Add(new TokenizedExample($"e{e}-{start}", ids, ids));
            }
        }
        return rows;
    }

    /// <summary>Greedy answers of the saved model on every open question; accuracy by exposure and per-fact ground truth.</summary>
    private WorldPretrainReport Measure(LoadedWorld world, string modelDir, TrainResult result, long tokens, double seconds, long parameters)
    {
        using var lm = LanguageModel.Load(modelDir);
        var matcher = new AliasContainmentMatcher(null);
        var idTest = Answer(lm, world.ReadOpen("id_test"), matcher);
        var train = Answer(lm, world.ReadOpen("train"), matcher);
        var byFact = idTest.Concat(train).GroupBy(a => (a.Item.Meta.Person, a.Item.Meta.Attribute)).ToDictionary(g => g.Key, g => g.First());
        var truth = world.ReadGroundTruth().Select(r => byFact.TryGetValue((r.Person, r.Attribute), out var a)
            ? r with { BaseGreedyCorrect = a.Correct, BaseGreedyAnswer = a.Answer } : r).ToList();
        WorldStore.WriteGroundTruth(world, truth);
        var bioOnly = truth.Where(r => r.QaMentions == 0).Select(r => (r.Person, r.Attribute)).ToHashSet();
        var k = options.KnownExposure;
        var known = idTest.Where(a => (a.Item.Meta.Exposure ?? 0) >= k).ToList();
        var unseen = idTest.Where(a => (a.Item.Meta.Exposure ?? 0) == 0).ToList();
        return new WorldPretrainReport
        {
            WorldHash = world.Manifest.ConfigHash, Parameters = parameters, Steps = result.Steps, Tokens = tokens,
            FinalLoss = result.Log.Count > 0 ? result.Log[^1].Loss : double.NaN, Seconds = seconds, KnownExposure = k,
            IdTest = ExposureBucketAccuracy.Table(idTest.Select(a => (a.Item.Meta.Exposure ?? 0, a.Correct))),
            Train = ExposureBucketAccuracy.Table(train.Select(a => (a.Item.Meta.Exposure ?? 0, a.Correct))),
            AccuracyKnown = Accuracy(known),
            AccuracyKnownBiographyOnly = Accuracy(known.Where(a => bioOnly.Contains((a.Item.Meta.Person!, a.Item.Meta.Attribute!)))),
            AccuracyUnseen = Accuracy(unseen),
            ChanceUnseen = unseen.Count == 0 ? double.NaN : unseen.Average(a => 1.0 / AttributeCatalog.Get(a.Item.Meta.Attribute!).Values.Count),
            Probe = ProbeTrain(lm, world, truth),
        };
    }

    /// <summary>Samples the training split as the demo's probe does (question alone, T = 1) and summarises μ and σ.</summary>
    private ProbedKnowledge ProbeTrain(LanguageModel lm, LoadedWorld world, IReadOnlyList<GroundTruthRow> truth)
    {
        var config = ProbeConfig.QuestionOnly(options.ProbeSamples, maxNewTokens: 8, options.Seed);
        var prober = new KnowledgeProber(new EngineBackend(lm), config);
        var items = world.ReadOpen("train");
        var rows = new List<ProbeRecord>(items.Count);
        foreach (var chunk in items.Chunk(config.BatchSize))
            rows.AddRange(prober.ProbeBatchAsync(chunk.Select(q => new ProbeItem(q)).ToList(), "pretrain").GetAwaiter().GetResult());
        var exposure = items.ToDictionary(q => q.Id, q => q.Meta.Exposure ?? 0);
        var conflicting = truth.Where(r => r.RivalValue is not null).Select(r => (r.Person, r.Attribute)).ToHashSet();
        var rival = rows.Where(r => conflicting.Contains((r.Meta.Person!, r.Meta.Attribute!))).ToList();
        var seen = rows.Where(r => exposure[r.Id] > 0).ToList();
        return new ProbedKnowledge
        {
            Samples = config.Samples, Questions = rows.Count,
            PartialShareSeen = PartialShare(seen),
            Histogram = Rait.Evaluation.Metrics.ProbeHistogram.Of(rows.Select(r => (r.Mu, r.Sigma))),
            ByExposure = ExposureBucketAccuracy.Buckets.Select(b =>
            {
                var inBucket = rows.Where(r => exposure[r.Id] >= b.Min && exposure[r.Id] <= b.Max).ToList();
                return new ProbedBucket(b.Name, inBucket.Count, inBucket.Count == 0 ? double.NaN : inBucket.Average(r => r.Mu), PartialShare(inBucket));
            }).ToList(),
            Conflicting = new ProbedGroup(rival.Count,
                rival.Count == 0 ? double.NaN : rival.Count(r => r.GreedyCorrect == true) / (double)rival.Count,
                rival.Count == 0 ? double.NaN : rival.Average(r => r.Mu)),
        };
    }

    private static double PartialShare(IReadOnlyCollection<ProbeRecord> rows) =>
        Rait.Evaluation.Metrics.ProbeHistogram.Of(rows.Select(r => (r.Mu, r.Sigma))).PartialShare;

    private static double Accuracy(IEnumerable<(QaItem Item, string Answer, bool Correct)> answers)
    {
        var list = answers.ToList();
        return list.Count == 0 ? double.NaN : list.Count(x => x.Correct) / (double)list.Count;
    }

    private static List<(QaItem Item, string Answer, bool Correct)> Answer(LanguageModel lm, IReadOnlyList<QaItem> items, IAnswerMatcher matcher)
    {
        var results = new List<(QaItem, string, bool)>();
        foreach (var chunk in items.Chunk(64))
        {
            var prompts = chunk.Select(q => lm.EncodePrompt(q.Question)).ToList();
            var outs = lm.Generate(prompts, new SamplingOptions { Temperature = 0, MaxNewTokens = 12 });
            for (int i = 0; i < chunk.Length; i++)
                results.Add((chunk[i], outs[i].Text, matcher.IsCorrect(outs[i].Text, chunk[i].Answers)));
        }
        return results;
    }
}
