using System.Text.RegularExpressions;
using Rait.Core;
using Rait.Core.Config;
using Rait.Core.Io;
using Rait.Core.Text;
using Rait.Data.Adapters;
using Rait.Evaluation;
using Rait.Evaluation.Judge;

namespace Rait.Pipeline.Eval;

/// <summary>
/// <c>rait eval</c>: greedy answers for every item of every data file, each classified correct / wrong / refused /
/// fail-parse, aggregated into a <see cref="MethodResult"/> per split with bootstrap intervals.
/// </summary>
/// <remarks>
/// Output folder: answers.jsonl (one <see cref="EvalAnswer"/> per item, all splits), metrics.json
/// (<see cref="EvalMetricsFile"/>), resolved_config.toml. Both result files are rewritten atomically after every
/// split, answers first, so metrics.json only lists splits whose answers are complete. A rerun skips a split whose
/// fingerprints match, recomputes only the metrics when just the aggregation or reference changed, and loads the
/// model only if some split needs answers.
/// </remarks>
public sealed partial class EvalRunner(EvalConfig config)
{
    public const string AnswersFile = "answers.jsonl";
    public const string ResolvedConfigFile = "resolved_config.toml";

    private readonly ResponseClassifier _classifier =
        new(new RefusalDetector(config.Refusal), config.Matcher.CreateMatcher(), config.McCushion);

    /// <exception cref="RaitException">Invalid config or request, bad data or reference, or an output folder of another model.</exception>
    public EvalRunResult Run(EvalRequest request, IProgress<EvalProgress>? progress = null, CancellationToken ct = default)
    {
        var errors = config.Validate();
        if (errors.Count > 0) throw new RaitException("eval config: " + string.Join(" ", errors));
        CheckSplits(request.Data);
        var outDir = request.OutDir;
        var method = request.Method ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir)));
        var modelFingerprint = request.Model.Fingerprint;
        var state = OutputState.Open(outDir, modelFingerprint);
        var reference = request.ReferenceDir is null ? null : EvalReference.Open(request.ReferenceDir);
        Directory.CreateDirectory(outDir);
        ConfigLoader.SaveResolved(config, Path.Combine(outDir, ResolvedConfigFile));
        var outcomes = new List<EvalSplitOutcome>();
        IAnswerSource? answers = null;
        using var judging = config.Judge is null ? null : new EvalJudging(config.Judge, request.JudgeApiKey);
        try
        {
            for (int s = 0; s < request.Data.Count; s++)
            {
                var file = request.Data[s];
                var report = (int done, int total) => progress?.Report(new EvalProgress(file.Split, s, request.Data.Count, done, total));
                var (entry, rows, status) = EvaluateSplit(file, method, reference, state, judging, () => answers ??= request.Model.Open(config), report, ct);
                state.Put(entry, rows);
                state.Save(outDir, new EvalMetricsFile
                {
                    Method = method, Model = request.Model.ModelDir, Adapter = request.Model.AdapterDir,
                    ModelFingerprint = modelFingerprint, Splits = [],
                });
                outcomes.Add(new EvalSplitOutcome(file.Split, status, entry.Result));
            }
        }
        finally { answers?.Dispose(); }
        return new EvalRunResult(method, modelFingerprint, outDir, outcomes);
    }

    private (EvalSplitMetrics, IReadOnlyList<EvalAnswer>, EvalSplitStatus) EvaluateSplit(EvalDataFile file, string method,
        EvalReference? reference, OutputState state, EvalJudging? judging, Func<IAnswerSource> model, Action<int, int> report, CancellationToken ct)
    {
        var items = EvalItems.Load(file.Path);
        var answersFp = EvalFingerprints.Answers(file.Path, config);
        var referenceRows = reference?.Align(file.Split, items.Select(i => i.Id).ToList(), file.Path);
        var metricsFp = EvalFingerprints.Metrics(config, method, referenceRows is null ? null : EvalReference.Fingerprint(referenceRows));
        var (prior, priorRows) = state.Get(file.Split);
        IReadOnlyList<EvalAnswer> rows;
        EvalSplitStatus status;
        if (prior is not null && prior.AnswersFingerprint == answersFp && priorRows.Count == items.Count)
        {
            if (prior.MetricsFingerprint == metricsFp)
            {
                report(items.Count, items.Count);
                return (prior, priorRows, EvalSplitStatus.Skipped);
            }
            (rows, status) = (priorRows, EvalSplitStatus.Rescored);
        }
        else
            (rows, status) = (Answer(model(), file.Split, items, report, ct), EvalSplitStatus.Generated);
        rows = WithBaseKnown(rows, referenceRows);
        JudgeAgreementResult? agreement = null;
        if (judging is null) rows = rows.Select(r => r with { Judge = null, JudgeReply = null }).ToList();
        else (rows, agreement) = judging.Apply(items, rows, ct);
        var result = MethodEvaluator.Evaluate(method, file.Split, rows.Select(r => r.ToRow()).ToList(),
            referenceRows?.Select(r => r.ToRow()).ToList(), config.Evaluation);
        if (status == EvalSplitStatus.Rescored) report(items.Count, items.Count);
        var entry = new EvalSplitMetrics
        {
            Split = file.Split, DataFile = file.Path, AnswersFingerprint = answersFp, MetricsFingerprint = metricsFp,
            Reference = reference?.Directory, Result = result, JudgeAgreement = agreement,
        };
        return (entry, rows, status);
    }

    private List<EvalAnswer> Answer(IAnswerSource source, string split, IReadOnlyList<DataItem> items, Action<int, int> report, CancellationToken ct)
    {
        var turns = items.Select(i => EvalItems.UserTurn(i, config.Prompt)).ToList();
        int done = 0;
        report(0, items.Count);
        var generated = source.Answer(items, turns, n => report(done += n, items.Count), ct);
        return items.Select((item, i) => new EvalAnswer
        {
            Id = item.Id, Split = split, Question = EvalItems.Question(item), Answer = generated[i].Text,
            Outcome = Classify(item, generated[i].Text), Confidence = Confidence(generated[i]),
            AnswerConfidence = generated[i].AnswerConfidence, PSure = generated[i].PSure,
            Subject = item.Meta.Subject, Exposure = item.Meta.Exposure,
        }).ToList();
    }

    private Outcome Classify(DataItem item, string response) => item switch
    {
        OpenItem o => _classifier.ClassifyOpen(response, o.Item),
        ChoiceItem c => _classifier.ClassifyChoice(response, c.Item),
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name, null),
    };

    private double? Confidence(GeneratedAnswer a) => config.Confidence switch
    {
        ConfidenceScore.None => null,
        ConfidenceScore.Answer => a.AnswerConfidence,
        ConfidenceScore.Sure => a.PSure,
        ConfidenceScore.Combined => 0.5 * a.AnswerConfidence + 0.5 * a.PSure,
        _ => throw new ArgumentOutOfRangeException(nameof(a), config.Confidence, null),
    };

    /// <summary>Base-known = the reference (base model) answered the item correctly; null without a reference.</summary>
    private static List<EvalAnswer> WithBaseKnown(IReadOnlyList<EvalAnswer> rows, IReadOnlyList<EvalAnswer>? reference)
    {
        var known = reference?.ToDictionary(r => r.Id, r => r.Outcome == Outcome.Correct, StringComparer.Ordinal);
        return rows.Select(r => r with { BaseKnown = known is null ? null : known[r.Id] }).ToList();
    }

    private static void CheckSplits(IReadOnlyList<EvalDataFile> data)
    {
        if (data.Count == 0) throw new RaitException("--data: at least one evaluation file is needed.");
        foreach (var d in data)
            if (!SplitName().IsMatch(d.Split))
                throw new RaitException($"split name \"{d.Split}\" (for {d.Path}): expected letters, digits, '_', '-' or '.' (pass --split-name).");
        var dup = data.GroupBy(d => d.Split, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new RaitException($"split name \"{dup.Key}\" is used by {string.Join(" and ", dup.Select(d => d.Path))}; give each file its own --split-name.");
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex SplitName();
}
