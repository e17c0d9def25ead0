using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Core.Text;
using Rait.Probing.Backends;
using Rait.Probing.Certainty;
using Rait.Probing.Output;
using Rait.Probing.Prompts;

namespace Rait.Probing;

/// <summary>
/// Stage 1 of every RAIT method: asks the model each question and records correctness μ and certainty σ
/// (CRaFT §2.2-2.3, R-Tuning §1.1). Open-ended: greedy answer + N seeded samples, μ = share of correct
/// samples (refusals count as wrong). Multiple choice: one forward, μ = p_gold / Σ p_letters, σ = −entropy.
/// </summary>
public sealed class KnowledgeProber
{
    private readonly IProbeBackend _backend;
    private readonly ProbeConfig _config;
    private readonly ISentenceEmbedder? _embedder;
    private readonly ProbePrompts _prompts;
    private readonly IAnswerMatcher _matcher;
    private readonly RefusalDetector _refusals;

    /// <param name="embedder">Required when the certainty method is embedding.</param>
    /// <exception cref="RaitException">Invalid config (every problem listed), or embedding certainty without an embedder.</exception>
    public KnowledgeProber(IProbeBackend backend, ProbeConfig config, ISentenceEmbedder? embedder = null)
    {
        var errors = config.Validate().ToList();
        if (config.Certainty == CertaintyMethod.Embedding && embedder is null && errors.Count == 0)
            errors.Add("embedding_model: certainty is embedding but no embedding model was loaded.");
        if (errors.Count > 0) throw new RaitException("invalid probe config: " + string.Join(" ", errors));
        _backend = backend;
        _config = config;
        _embedder = embedder;
        _prompts = new ProbePrompts(config);
        _matcher = config.Matcher.CreateMatcher();
        _refusals = new RefusalDetector(config.Refusal);
    }

    /// <summary>Probes every question of <paramref name="dataPath"/> into <paramref name="outPath"/> (JSONL),
    /// resuming from rows already there, then writes the Parquet copy and the summary next to it.</summary>
    /// <exception cref="RaitException">Bad input, a mismatching earlier output, or a backend failure (finished batches stay in the file).</exception>
    public async Task<ProbeRunResult> RunAsync(string dataPath, string outPath, IProgress<ProbeProgress>? progress = null, CancellationToken ct = default)
    {
        var items = ProbeInput.Read(dataPath);
        var promptFp = PromptFingerprint(ProbeInput.Hash(dataPath));
        var file = new ProbeOutputFile(outPath);
        var done = file.LoadExisting(_backend.ModelFingerprint, promptFp, items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal));
        int resumed = done.Count;
        var todo = items.Where(i => !done.ContainsKey(i.Id)).ToList();
        var clock = Stopwatch.StartNew();
        int probed = 0;
        progress?.Report(new ProbeProgress(resumed, items.Count, resumed, 0, null));
        foreach (var batch in todo.Chunk(_config.BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var rows = await ProbeBatchAsync(batch, promptFp, ct).ConfigureAwait(false);
            file.Append(rows);
            foreach (var r in rows) done[r.Id] = r;
            probed += rows.Count;
            double rate = probed / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            progress?.Report(new ProbeProgress(done.Count, items.Count, resumed, rate, TimeSpan.FromSeconds((items.Count - done.Count) / rate)));
        }
        var ordered = items.Select(i => done[i.Id]).ToList();
        file.Finish(ordered);
        string? parquet = null;
        if (_config.Parquet)
        {
            parquet = SiblingPath(outPath, ".parquet");
            ProbeParquet.Write(parquet, ordered);
        }
        var summary = ProbeSummaryBuilder.Build(ordered, _config.ExposureThresholds);
        var summaryPath = SiblingPath(outPath, ".summary.json");
        AtomicFile.WriteAllText(summaryPath, JsonSerializer.Serialize(summary, new JsonSerializerOptions(Jsonl.Options) { WriteIndented = true }) + "\n");
        return new ProbeRunResult(ordered, summary, outPath, parquet, summaryPath, resumed);
    }

    /// <summary>Probes one batch of questions (no file IO); rows come back in batch order.</summary>
    public async Task<IReadOnlyList<ProbeRecord>> ProbeBatchAsync(IReadOnlyList<ProbeItem> batch, string promptFingerprint, CancellationToken ct = default)
    {
        var open = batch.Where(b => b.Open is not null).Select(b => b.Open!).ToList();
        var choice = batch.Where(b => b.Choice is not null).Select(b => b.Choice!).ToList();
        var rows = new Dictionary<string, ProbeRecord>(StringComparer.Ordinal);
        if (open.Count > 0)
            foreach (var r in await ProbeOpenAsync(open, promptFingerprint, ct).ConfigureAwait(false)) rows[r.Id] = r;
        if (choice.Count > 0)
            foreach (var r in await ProbeChoiceAsync(choice, promptFingerprint, ct).ConfigureAwait(false)) rows[r.Id] = r;
        return batch.Select(b => rows[b.Id]).ToList();
    }

    private async Task<IReadOnlyList<ProbeRecord>> ProbeOpenAsync(IReadOnlyList<QaItem> items, string promptFp, CancellationToken ct)
    {
        var sampling = new OpenSampling(_config.Samples, _config.Temperature, _config.TopP, _config.MaxNewTokens, _config.StopStrings, _config.Chat);
        var queries = items.Select(q => new OpenQuery(_prompts.Messages(q), _prompts.PlainText(q), QuestionSeeds.ForQuestion(_config.Seed, q.Id))).ToList();
        var gens = await _backend.GenerateAsync(queries, sampling, ct).ConfigureAwait(false);
        var samples = gens.Select(g => g.Samples.Select(s => s.Trim()).ToList()).ToList();
        IReadOnlyList<float[]>? embeddings = _config.Certainty == CertaintyMethod.Embedding
            ? _embedder!.Embed(samples.SelectMany(s => s).ToList())
            : null;
        return items.Select((q, i) =>
        {
            var correct = samples[i].Select(s => IsCorrect(s, q.Answers)).ToList();
            var greedy = gens[i].Greedy.Trim();
            double sigma = _config.Certainty switch
            {
                CertaintyMethod.Lexical => OpenCertainty.LexicalConsistency(samples[i], _config.Matcher.Normalization),
                CertaintyMethod.AnswerLogprob => OpenCertainty.AnswerConfidence(gens[i].GreedyLogProbs),
                _ => OpenCertainty.EmbeddingConsistency(embeddings!.Skip(i * _config.Samples).Take(_config.Samples).ToList()),
            };
            return new ProbeRecord
            {
                Id = q.Id, Kind = QuestionKind.Open, Question = q.Question, Answers = q.Answers, Context = q.Context,
                Mu = correct.Count(c => c) / (double)correct.Count, Sigma = sigma,
                GreedyAnswer = greedy, GreedyCorrect = IsCorrect(greedy, q.Answers), Samples = samples[i], SampleCorrect = correct,
                ModelFingerprint = _backend.ModelFingerprint, PromptFingerprint = promptFp, Meta = q.Meta,
            };
        }).ToList();
    }

    private async Task<IReadOnlyList<ProbeRecord>> ProbeChoiceAsync(IReadOnlyList<McItem> items, string promptFp, CancellationToken ct)
    {
        var queries = items.Select(q => new LetterQuery(_prompts.MultipleChoice(q), q.Options.Select(o => o.Label).ToList())).ToList();
        var lps = await _backend.LetterLogProbsAsync(queries, ct).ConfigureAwait(false);
        return items.Select((q, i) =>
        {
            int gold = q.Options.ToList().FindIndex(o => o.Label == q.Target);
            var score = McScore.FromLogProbs(lps[i], gold);
            int best = Enumerable.Range(0, q.Options.Count).MaxBy(k => score.LetterProbs[k]);
            return new ProbeRecord
            {
                Id = q.Id, Kind = QuestionKind.MultipleChoice, Question = q.Question, Answers = [q.Options[gold].Text],
                Options = q.Options, Target = q.Target, Mu = score.Mu, Sigma = score.Sigma, PGold = score.PGold, LetterProbs = score.LetterProbs,
                GreedyAnswer = q.Options[best].Label, GreedyCorrect = best == gold,
                ModelFingerprint = _backend.ModelFingerprint, PromptFingerprint = promptFp, Meta = q.Meta,
            };
        }).ToList();
    }

    /// <summary>Refusals are never correct (CRaFT §1.2 runs the refusal check first).</summary>
    private bool IsCorrect(string answer, IReadOnlyList<string> aliases) => !_refusals.IsRefusal(answer) && _matcher.IsCorrect(answer, aliases);

    /// <summary>Hash of everything that changes a row: the config (minus batch size and output options),
    /// the data file and the embedding model.</summary>
    public string PromptFingerprint(string dataHash)
    {
        var relevant = _config with { BatchSize = 1, Parquet = false, ExposureThresholds = [], EmbeddingModel = null };
        var text = JsonSerializer.Serialize(relevant, Jsonl.Options) + "\n" + dataHash + "\n" + (_embedder?.Fingerprint ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }

    /// <summary>"x.jsonl" → "x" + suffix; other names just get the suffix appended.</summary>
    public static string SiblingPath(string outPath, string suffix) =>
        (outPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? outPath[..^6] : outPath) + suffix;
}
