using Rait.Core;
using Rait.Core.Records;
using Rait.Methods.Common;
using Rait.Methods.Options;

namespace Rait.Methods.Craft;

/// <summary>
/// CRaFT stage 2 (Algorithm 1, spec §2.6): known samples ranked by certainty σ descending keep their
/// answer; unknown samples whose correctness did not rise after rehearsal (Δμ ≤ 0 by default, Δμ &lt; 0 as an option), ranked by σ ascending,
/// get the refusal. Ablations: without the flow filter (CorCer-RAIT) and without certainty ranking.
/// </summary>
public sealed class CraftMethod(CraftOptions options) : IRaitMethod
{
    public string Name => "craft";

    public RaitBuildResult Build(RaitBuildInput input)
    {
        var poolFp = ProbeChecks.Check(input.Pool, "pool", input.ExpectedModelFingerprint, input.ExpectedPromptFingerprint);
        var inputs = new List<InputFingerprint> { poolFp };
        IReadOnlyDictionary<string, double>? flow = null;
        if (options.Variant != CraftVariant.WithoutFlow)
        {
            if (input.Rehearsed is null)
                throw new RaitException($"craft ({options.Variant}): the rehearsed probe table is required (the pool re-probed after the rehearsal fine-tune); " +
                    "use variant without_flow to build without it.");
            var (f, fp) = KnowledgeFlow.Compute(input.Pool, poolFp, input.Rehearsed);
            flow = f;
            inputs.Add(fp);
        }

        string src = input.Pool.Source;
        var pool = ProbeChecks.SortedById(input.Pool.Rows);
        var van1 = pool.Where(r => Thresholds(r).Classify(r.Mu) == MuClass.Known).ToList();
        var unknown = pool.Where(r => Thresholds(r).Classify(r.Mu) == MuClass.Unknown).ToList();
        var idk1 = flow is null ? unknown : unknown.Where(r => FlowPasses(flow[r.Id])).ToList();

        var log = new ShortfallLog();
        var van2 = Select(van1, options.Size.KeepCount, descending: true, "craft/known", $"{src}: craft known samples (D_van1)", log, "known");
        var idk2 = Select(idk1, options.Size.RefuseCount, descending: false, "craft/unknown", $"{src}: craft IdK samples (D_idk1)", log, "unknown");

        var rows = van2.Select(r => new LabelledRow(r, Prompts.UserTurn(r, options.Prompt), Prompts.GoldTarget(r, options.Prompt, src), ExampleReason.KnownKeep))
            .Concat(idk2.Select(r => new LabelledRow(r, Prompts.UserTurn(r, options.Prompt), Prompts.Refusal(r, options.Prompt), ExampleReason.UnknownRefuse)));
        var candidates = new Dictionary<string, int>
        {
            ["pool"] = pool.Count, ["known"] = van1.Count, ["unknown"] = unknown.Count,
            ["unknown_after_flow_filter"] = idk1.Count, ["dropped_by_flow"] = unknown.Count - idk1.Count,
        };
        return ResultAssembler.Assemble(Name, options, rows, inputs, candidates, log);
    }

    private MuThresholds Thresholds(ProbeRecord r) => r.Kind == QuestionKind.MultipleChoice ? options.McThresholds : options.OpenThresholds;

    private bool FlowPasses(double deltaMu) => options.FlowRule switch
    {
        FlowFilter.Decreased => deltaMu < 0,
        FlowFilter.NotIncreased => deltaMu <= 0,
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.FlowRule, null),
    };

    private double Certainty(ProbeRecord r) =>
        options.RoundSigmaDecimals is { } d ? Math.Round(r.Sigma, d, MidpointRounding.ToEven) : r.Sigma;

    /// <summary>Top-n by certainty (ties by id), or a seeded random n for the "w/o certainty" ablation.</summary>
    private List<ProbeRecord> Select(List<ProbeRecord> candidates, int n, bool descending, string purpose, string what, ShortfallLog log, string group)
    {
        var rng = MethodRandom.ForPurpose(options.Seed, purpose);
        if (options.Variant == CraftVariant.WithoutCertainty)
            return Sampling.Take(Sampling.Shuffled(candidates, rng), n, options.OnShortfall, rng, what, log, group);
        var ranked = (descending
                ? candidates.OrderByDescending(Certainty)
                : candidates.OrderBy(Certainty))
            .ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var taken = Sampling.Take(ranked, n, options.OnShortfall, rng, what, log, group);
        if (options.IncludeCutoffTies && n > 0 && ranked.Count > n)
        {
            double cut = Certainty(ranked[n - 1]);
            for (int k = n; k < ranked.Count && Certainty(ranked[k]) == cut; k++) taken.Add(ranked[k]);
        }
        return taken;
    }
}
