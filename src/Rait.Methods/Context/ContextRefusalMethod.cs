using Rait.Core;
using Rait.Core.Random;
using Rait.Core.Records;
using Rait.Methods.Common;
using Rait.Methods.Options;

namespace Rait.Methods.Context;

/// <summary>
/// Context-based refusal (spec rtuning-and-peers.md §2): answerable rows (the context contains an
/// answer alias → answer), unanswerable rows (the context lacks it → refusal; the record's own
/// context or another record's as a distractor) and no-context rows (closed-book: answer if μ says
/// known, refuse if unknown). Each source record is used in at most one row.
/// </summary>
public sealed class ContextRefusalMethod(ContextRefusalOptions options) : IRaitMethod
{
    public string Name => "context";

    public RaitBuildResult Build(RaitBuildInput input)
    {
        var fp = ProbeChecks.Check(input.Pool, "pool", input.ExpectedModelFingerprint, input.ExpectedPromptFingerprint);
        string src = input.Pool.Source;
        var pool = ProbeChecks.SortedById(input.Pool.Rows);
        var mc = pool.FirstOrDefault(r => r.Kind != QuestionKind.Open);
        if (mc is not null) throw new RaitException($"{src}: row id {mc.Id} is multiple choice; context refusal needs open questions.");
        if (!pool.Any(r => !string.IsNullOrWhiteSpace(r.Context)))
            throw new RaitException($"{src}: no row has a 'context'; context refusal needs records with contexts.");

        var (nA, nU, nN) = Counts();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<LabelledRow>();

        var answerable = pool.Where(r => HasContext(r) && r.Answers.Count > 0 && Contains(r.Context!, r.Answers)).ToList();
        var pickedA = Sampling.Draw(answerable, nA, false, options.OnShortfall, MethodRandom.ForPurpose(options.Seed, "context/answerable"), $"{src}: answerable rows");
        foreach (var r in pickedA)
        {
            used.Add(r.Id);
            rows.Add(new LabelledRow(r, WithContext(r, r.Context!), Prompts.GoldTarget(r, options.Prompt, src), ExampleReason.AnswerableKeep));
        }

        rows.AddRange(Unanswerable(pool, nU, used, src));

        var noContext = pool.Where(r => !used.Contains(r.Id) && r.Answers.Count > 0 && r.Meta.Answerable != false
            && options.NoContextThresholds.Classify(r.Mu) != MuClass.Dropped).ToList();
        foreach (var r in Sampling.Draw(noContext, nN, false, options.OnShortfall, MethodRandom.ForPurpose(options.Seed, "context/none"), $"{src}: no-context rows"))
        {
            used.Add(r.Id);
            bool known = options.NoContextThresholds.Classify(r.Mu) == MuClass.Known;
            rows.Add(new LabelledRow(r, Prompts.UserTurn(r, options.Prompt),
                known ? Prompts.GoldTarget(r, options.Prompt, src) : Prompts.Refusal(r, options.Prompt),
                known ? ExampleReason.NoContextKeep : ExampleReason.NoContextRefuse));
        }

        var candidates = new Dictionary<string, int>
        {
            ["pool"] = pool.Count, ["answerable"] = answerable.Count, ["no_context_eligible"] = noContext.Count,
            ["requested_answerable"] = nA, ["requested_unanswerable"] = nU, ["requested_no_context"] = nN,
        };
        return ResultAssembler.Assemble(Name, options, rows, [fp], candidates);
    }

    /// <summary>Row counts per category: rounded shares, the remainder going to no-context.</summary>
    public (int Answerable, int Unanswerable, int NoContext) Counts()
    {
        int a = (int)Math.Round(options.Total * options.AnswerableShare, MidpointRounding.AwayFromZero);
        int u = (int)Math.Round(options.Total * options.UnanswerableShare, MidpointRounding.AwayFromZero);
        return (a, u, Math.Max(0, options.Total - a - u));
    }

    private IEnumerable<LabelledRow> Unanswerable(List<ProbeRecord> pool, int n, HashSet<string> used, string src)
    {
        var rng = MethodRandom.ForPurpose(options.Seed, "context/unanswerable");
        // Own context without the answer (SQuAD v2 impossible questions, or empty answers) first, then distractors.
        var own = pool.Where(r => !used.Contains(r.Id) && HasContext(r) && (r.Answers.Count == 0 || !Contains(r.Context!, r.Answers)))
            .Select(r => (r, ctx: r.Context!, reason: ExampleReason.UnanswerableRefuse)).ToList();
        var ownIds = own.Select(o => o.r.Id).ToHashSet(StringComparer.Ordinal);
        var candidates = new List<(ProbeRecord r, string ctx, ExampleReason reason)>(own);
        if (options.UseDistractorContexts)
        {
            var contexts = pool.Where(HasContext).Select(r => (r.Id, ctx: r.Context!)).ToList();
            foreach (var r in pool.Where(r => !used.Contains(r.Id) && r.Answers.Count > 0 && !ownIds.Contains(r.Id)))
            {
                if (Distractor(r, contexts, rng) is { } ctx) candidates.Add((r, ctx, ExampleReason.DistractorRefuse));
            }
        }
        var picked = Sampling.Take(Sampling.Shuffled(candidates, rng), n, options.OnShortfall, rng, $"{src}: unanswerable rows");
        foreach (var (r, ctx, reason) in picked)
        {
            used.Add(r.Id);
            yield return new LabelledRow(r, WithContext(r, ctx), Prompts.Refusal(r, options.Prompt), reason);
        }
    }

    /// <summary>Another record's context that contains none of <paramref name="r"/>'s answers, from a random start.</summary>
    private static string? Distractor(ProbeRecord r, List<(string Id, string ctx)> contexts, SplitMix64 rng)
    {
        if (contexts.Count == 0) return null;
        int start = rng.NextInt(contexts.Count);
        for (int k = 0; k < contexts.Count; k++)
        {
            var (id, ctx) = contexts[(start + k) % contexts.Count];
            if (id != r.Id && ctx != r.Context && !Contains(ctx, r.Answers)) return ctx;
        }
        return null;
    }

    private string WithContext(ProbeRecord r, string context) =>
        options.ContextTemplate.Replace("{context}", context, StringComparison.Ordinal).Replace("{question}", r.Question, StringComparison.Ordinal);

    private static bool HasContext(ProbeRecord r) => !string.IsNullOrWhiteSpace(r.Context);

    private static bool Contains(string context, IReadOnlyList<string> answers) =>
        answers.Any(a => !string.IsNullOrWhiteSpace(a) && context.Contains(a.Trim(), StringComparison.OrdinalIgnoreCase));
}
