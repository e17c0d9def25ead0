using Rait.Core;
using Rait.Core.Random;
using Rait.Core.Records;
using Rait.Methods.Common;
using Rait.Methods.Options;

namespace Rait.Methods.RTuning;

/// <summary>
/// R-Tuning (Zhang et al. 2024): padding ("unsure"), replacement ("unknown", R-Tuning-R) and
/// unsupervised ("uncertain", R-Tuning-U) data construction (rtuning-and-peers.md §1.2).
/// </summary>
public sealed class RTuningMethod(RTuningOptions options) : IRaitMethod
{
    public string Name => "rtuning";

    public RaitBuildResult Build(RaitBuildInput input)
    {
        var fp = ProbeChecks.Check(input.Pool, "pool", input.ExpectedModelFingerprint, input.ExpectedPromptFingerprint);
        string src = input.Pool.Source;
        var pool = ProbeChecks.SortedById(input.Pool.Rows);
        var log = new ShortfallLog();
        var items = options.Size is { } n
            ? Sampling.Draw(pool, n, withReplacement: false, options.OnShortfall, MethodRandom.ForPurpose(options.Seed, "rtuning/sample"), $"{src}: rtuning sample", log, "pool")
            : pool;
        var refusalRng = MethodRandom.ForPurpose(options.Seed, "rtuning/refusal");
        var p = options.Prompt;
        List<LabelledRow> rows = options.Mode switch
        {
            RTuningMode.Unsure => items.Select(r => Padded(r, IsCertain(r, src), src)).ToList(),
            RTuningMode.Unknown => items.Select(r => IsCertain(r, src)
                ? new LabelledRow(r, Prompts.UserTurn(r, p), RTuningTexts.WithPeriod(Prompts.GoldTarget(r, p, src)), ExampleReason.KnownKeep)
                : new LabelledRow(r, Prompts.UserTurn(r, p), RefusalSentence(refusalRng), ExampleReason.UnknownRefuse)).ToList(),
            RTuningMode.Uncertain => ByEntropy(items, src),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mode, null),
        };
        int certain = rows.Count(r => !r.Reason.IsRefusal());
        var candidates = new Dictionary<string, int> { ["pool"] = pool.Count, ["used"] = items.Count, ["certain"] = certain, ["uncertain"] = rows.Count - certain };
        return ResultAssembler.Assemble(Name, options, rows, [fp], candidates, log);
    }

    private LabelledRow Padded(ProbeRecord r, bool sure, string src) =>
        new(r, Prompts.UserTurn(r, options.Prompt), RTuningTexts.PaddedAnswer(Prompts.GoldTarget(r, options.Prompt, src), sure),
            sure ? ExampleReason.CertainSure : ExampleReason.UncertainUnsure);

    private bool IsCertain(ProbeRecord r, string src)
    {
        if (options.Certainty == RTuningCertainty.Mu) return r.Mu >= options.MuThreshold;
        if (r.GreedyCorrect is { } g) return g;
        // MC fallback: R-Tuning's rule is "argmax over the option-letter logits is the gold letter".
        if (r.Kind == QuestionKind.MultipleChoice && r.LetterProbs.Count == r.Options.Count && r.LetterProbs.Count > 0)
        {
            int arg = 0;
            for (int i = 1; i < r.LetterProbs.Count; i++) if (r.LetterProbs[i] > r.LetterProbs[arg]) arg = i;
            return r.Options[arg].Label == r.Target;
        }
        throw new RaitException($"{src}: row id {r.Id}: missing field 'greedy_correct' (certainty = greedy); probe with a greedy pass or set certainty = mu.");
    }

    private string RefusalSentence(SplitMix64 rng) => options.RefusalSet switch
    {
        RTuningRefusalSet.Paper => RTuningTexts.PaperRefusals[rng.NextInt(RTuningTexts.PaperRefusals.Count)],
        RTuningRefusalSet.Code => RTuningTexts.CodeRefusals[rng.NextInt(RTuningTexts.CodeRefusals.Count)],
        RTuningRefusalSet.Single => options.SingleRefusal,
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.RefusalSet, null),
    };

    /// <summary>R-Tuning-U: entropy of the sampled-answer frequencies; the lower half (ties by id) is "sure".</summary>
    private List<LabelledRow> ByEntropy(IReadOnlyList<ProbeRecord> items, string src)
    {
        var ranked = items.Select(r => (r, u: AnswerEntropy(r, src))).OrderBy(t => t.u).ThenBy(t => t.r.Id, StringComparer.Ordinal).ToList();
        int unsure = ranked.Count / 2; // with an odd count the middle item stays "sure"
        return ranked.Select((t, i) => Padded(t.r, sure: i < ranked.Count - unsure, src)).ToList();
    }

    /// <summary>u = −Σ_j p_j ln p_j over the frequencies of distinct answers (trimmed, case-folded).</summary>
    public static double AnswerEntropy(IReadOnlyList<string> samples)
    {
        double k = samples.Count;
        return -samples.GroupBy(s => s.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Sum(g => { double q = g.Count() / k; return q * Math.Log(q); });
    }

    private double AnswerEntropy(ProbeRecord r, string src)
    {
        if (r.Samples.Count < options.MinSamples)
            throw new RaitException($"{src}: row id {r.Id}: field 'samples' has {r.Samples.Count} answers; the uncertain mode needs at least {options.MinSamples}.");
        return AnswerEntropy(r.Samples);
    }
}
