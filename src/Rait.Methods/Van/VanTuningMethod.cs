using Rait.Methods.Common;
using Rait.Methods.Options;

namespace Rait.Methods.Van;

/// <summary>Van-Tuning: a seeded random sample of the pool with the original answers (CRaFT baseline).</summary>
public sealed class VanTuningMethod(VanOptions options) : IRaitMethod
{
    public string Name => "van";

    public RaitBuildResult Build(RaitBuildInput input)
    {
        var fp = ProbeChecks.Check(input.Pool, "pool", input.ExpectedModelFingerprint, input.ExpectedPromptFingerprint);
        var pool = ProbeChecks.SortedById(input.Pool.Rows);
        var rng = MethodRandom.ForPurpose(options.Seed, "van/sample");
        var log = new ShortfallLog();
        var picked = Sampling.Draw(pool, options.Total, options.WithReplacement, options.OnShortfall, rng, $"{input.Pool.Source}: van sample", log, "pool");
        var rows = picked.Select(r => new LabelledRow(r, Prompts.UserTurn(r, options.Prompt),
            Prompts.GoldTarget(r, options.Prompt, input.Pool.Source), ExampleReason.SampledKeep));
        return ResultAssembler.Assemble(Name, options, rows, [fp], new Dictionary<string, int> { ["pool"] = pool.Count }, log);
    }
}
