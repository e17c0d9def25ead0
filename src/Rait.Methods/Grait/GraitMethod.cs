using Rait.Core;
using Rait.Core.Records;
using Rait.Methods.Common;
using Rait.Methods.Options;

namespace Rait.Methods.Grait;

/// <summary>
/// GRAIT (spec §3): the most-correct known samples keep their answer (ω = 1); IdK samples are chosen
/// by gradient influence and weighted ω_i = C·softmax(±α_i/T), with
/// α_i = mean_{j∈ik}⟨ĝ_idk(i), ĝ_idk(j)⟩ − mean_{j∈idk}⟨ĝ_idk(i), ĝ_idk(j)⟩.
/// </summary>
public sealed class GraitMethod(GraitOptions options) : IRaitMethod
{
    public string Name => "grait";

    public RaitBuildResult Build(RaitBuildInput input)
    {
        var poolFp = ProbeChecks.Check(input.Pool, "pool", input.ExpectedModelFingerprint, input.ExpectedPromptFingerprint);
        if (input.Gradients is null)
            throw new RaitException("grait: the gradient feature table is required (answer and refusal gradient per candidate).");
        var index = new GradientIndex(input.Gradients, options.NormTolerance);
        string src = input.Pool.Source;

        var pool = ProbeChecks.SortedById(input.Pool.Rows);
        var ik = pool.Where(r => options.Thresholds.Classify(r.Mu) == MuClass.Known).ToList();
        var idk = pool.Where(r => options.Thresholds.Classify(r.Mu) == MuClass.Unknown).ToList();
        var rng = MethodRandom.ForPurpose(options.Seed, "grait/shortfall");
        var log = new ShortfallLog();

        var ikRanked = ik.OrderByDescending(r => r.Mu).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var ikSel = Sampling.Take(ikRanked, options.Size.KeepCount, options.OnShortfall, rng, $"{src}: grait known samples (D_ik)", log, "known");

        var ikRefusal = index.For(ik, "known").Select(g => g.RefusalGrad).ToList();
        var idkRefusal = index.For(idk, "unknown").Select(g => g.RefusalGrad).ToList();
        var meanIk = GraitMath.Mean(ikRefusal, index.Dim);
        var meanIdk = GraitMath.Mean(idkRefusal, index.Dim);

        var idkRanked = RankIdk(idk, idkRefusal, ikSel, index, meanIdk);
        var idkSel = Sampling.Take(idkRanked, options.Size.RefuseCount, options.OnShortfall, rng, $"{src}: grait IdK samples (D_idk)", log, "unknown");

        var weights = Weights(idkSel, idk, idkRefusal, meanIk, meanIdk);
        var rows = ikSel.Select(r => new LabelledRow(r, Prompts.UserTurn(r, options.Prompt), Prompts.GoldTarget(r, options.Prompt, src), ExampleReason.KnownKeep))
            .Concat(idkSel.Select((r, i) => new LabelledRow(r, Prompts.UserTurn(r, options.Prompt), Prompts.Refusal(r, options.Prompt), ExampleReason.UnknownRefuse, weights[i])));
        var candidates = new Dictionary<string, int> { ["pool"] = pool.Count, ["known"] = ik.Count, ["unknown"] = idk.Count, ["gradient_dim"] = index.Dim };
        return ResultAssembler.Assemble(Name, options, rows, [poolFp, index.Fingerprint], candidates, log);
    }

    /// <summary>IdK candidates in preference order for the configured selection variant.</summary>
    private List<ProbeRecord> RankIdk(List<ProbeRecord> idk, List<float[]> idkRefusal, List<ProbeRecord> ikSel, GradientIndex index, float[] meanIdk)
    {
        switch (options.Selection)
        {
            case GraitSelection.MeanAlignment:
                // I_i = mean_j ⟨ĝ_idk(i), ĝ_idk(j)⟩ over the whole IdK group (self included) = ⟨ĝ_idk(i), mean ĝ_idk⟩.
                return idk.Select((r, i) => (r, score: GraitMath.Dot(idkRefusal[i], meanIdk)))
                    .OrderByDescending(t => t.score).ThenBy(t => t.r.Id, StringComparer.Ordinal).Select(t => t.r).ToList();
            case GraitSelection.GreedyResidualLowest:
                var answerSum = GraitMath.Sum(index.For(ikSel.DistinctBy(r => r.Id).ToList(), "selected known").Select(g => g.AnswerGrad).ToList(), index.Dim);
                int steps = Math.Min(options.Size.RefuseCount, idk.Count);
                return GraitMath.GreedyResidual(idkRefusal, answerSum, steps)
                    .OrderBy(t => t.Score).ThenBy(t => idk[t.Index].Id, StringComparer.Ordinal).Select(t => idk[t.Index]).ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Selection, null);
        }
    }

    private double[] Weights(List<ProbeRecord> idkSel, List<ProbeRecord> idk, List<float[]> idkRefusal, float[] meanIk, float[] meanIdk)
    {
        if (options.Weighting == GraitWeighting.Uniform) return Enumerable.Repeat(1.0, idkSel.Count).ToArray();
        var position = idk.Select((r, i) => (r.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        // α_i = ⟨ĝ_idk(i), mean_ik ĝ_idk⟩ − ⟨ĝ_idk(i), mean_idk ĝ_idk⟩: over-refusal influence minus refusal influence.
        var alpha = idkSel.Select(r => GraitMath.Dot(idkRefusal[position[r.Id]], meanIk) - GraitMath.Dot(idkRefusal[position[r.Id]], meanIdk)).ToList();
        double c = options.WeightSum ?? options.MeanWeight * idkSel.Count;
        return GraitMath.AdaptiveWeights(alpha, options.Sign, options.Temperature, c);
    }
}
