using Rait.Core.Records;
using Rait.Methods.Common;
using Rait.Methods.Options;

namespace Rait.Methods.Cor;

/// <summary>
/// Cor-RAIT: random known samples (μ above the keep threshold) keep their answer; random unknown
/// samples (μ below the refuse threshold) get the refusal (CRaFT spec §2.6 baselines).
/// </summary>
public sealed class CorRaitMethod(CorOptions options) : IRaitMethod
{
    public string Name => "cor";

    public RaitBuildResult Build(RaitBuildInput input)
    {
        var fp = ProbeChecks.Check(input.Pool, "pool", input.ExpectedModelFingerprint, input.ExpectedPromptFingerprint);
        var pool = ProbeChecks.SortedById(input.Pool.Rows);
        var known = pool.Where(r => Thresholds(r).Classify(r.Mu) == MuClass.Known).ToList();
        var unknown = pool.Where(r => Thresholds(r).Classify(r.Mu) == MuClass.Unknown).ToList();
        string src = input.Pool.Source;
        var log = new ShortfallLog();
        var keep = Sampling.Draw(known, options.Size.KeepCount, options.WithReplacement, options.OnShortfall,
            MethodRandom.ForPurpose(options.Seed, "cor/known"), $"{src}: cor known samples", log, "known");
        var refuse = Sampling.Draw(unknown, options.Size.RefuseCount, options.WithReplacement, options.OnShortfall,
            MethodRandom.ForPurpose(options.Seed, "cor/unknown"), $"{src}: cor unknown samples", log, "unknown");
        var rows = keep.Select(r => new LabelledRow(r, Prompts.UserTurn(r, options.Prompt), Prompts.GoldTarget(r, options.Prompt, src), ExampleReason.KnownKeep))
            .Concat(refuse.Select(r => new LabelledRow(r, Prompts.UserTurn(r, options.Prompt), Prompts.Refusal(r, options.Prompt), ExampleReason.UnknownRefuse)));
        var candidates = new Dictionary<string, int> { ["pool"] = pool.Count, ["known"] = known.Count, ["unknown"] = unknown.Count };
        return ResultAssembler.Assemble(Name, options, rows, [fp], candidates, log);
    }

    private MuThresholds Thresholds(ProbeRecord r) => r.Kind == QuestionKind.MultipleChoice ? options.McThresholds : options.OpenThresholds;
}
