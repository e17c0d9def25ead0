using Rait.Core;
using Rait.Core.Records;
using Rait.Methods.Common;
using Rait.Methods.Options;

namespace Rait.Methods.Craft;

/// <summary>
/// CRaFT stage 1 rehearsal set (also GRAIT's warm-up set): samples the model already knows with
/// high certainty, to fine-tune on without teaching new knowledge (spec §2.4).
/// </summary>
public static class CraftRehearsalSelector
{
    /// <summary>Selects the rehearsal rows: OEQA μ ≥ open_min_mu and σ ≥ open_min_sigma, MCQA raw p_gold &gt; mc_min_p_gold; seeded draw.</summary>
    /// <exception cref="RaitException">Invalid options, bad table, missing p_gold / samples, or a shortfall under Error.</exception>
    public static IReadOnlyList<SftExample> Select(ProbeTable pool, RehearsalOptions options, string? expectedModelFingerprint = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new RaitException("invalid rehearsal options:\n  " + string.Join("\n  ", errors));
        ProbeChecks.Check(pool, "pool", expectedModelFingerprint, null);
        var eligible = ProbeChecks.SortedById(pool.Rows).Where(r => IsEligible(r, options, pool.Source)).ToList();
        var picked = Sampling.Draw(eligible, options.Size, withReplacement: false, options.OnShortfall,
            MethodRandom.ForPurpose(options.Seed, "rehearsal/sample"), $"{pool.Source}: rehearsal samples");
        return picked.Select((r, i) => new SftExample
        {
            Id = $"rehearsal-{i:D6}",
            System = options.Prompt.System,
            Prompt = Prompts.UserTurn(r, options.Prompt),
            Answer = Answer(r, options, pool.Source),
            Method = "rehearsal",
            Reason = ExampleReason.RehearsalKeep.Wire(),
            SourceId = r.Id,
            Meta = r.Meta,
        }).ToList();
    }

    private static bool IsEligible(ProbeRecord r, RehearsalOptions o, string source) => r.Kind switch
    {
        QuestionKind.Open => r.Mu >= o.OpenMinMu && r.Sigma >= o.OpenMinSigma,
        QuestionKind.MultipleChoice => (r.PGold ?? throw new RaitException(
            $"{source}: row id {r.Id}: missing field 'p_gold'; the MCQA rehearsal filter uses the raw gold-letter probability.")) > o.McMinPGold,
        _ => throw new ArgumentOutOfRangeException(nameof(r), r.Kind, null),
    };

    private static string Answer(ProbeRecord r, RehearsalOptions o, string source)
    {
        if (r.Kind == QuestionKind.MultipleChoice || o.Answer == RehearsalAnswer.Original) return Prompts.GoldTarget(r, o.Prompt, source);
        if (r.Samples.Count == 0 || r.Samples.Count != r.SampleCorrect.Count)
            throw new RaitException($"{source}: row id {r.Id}: fields 'samples' and 'sample_correct' must be present and of equal length " +
                $"(got {r.Samples.Count} and {r.SampleCorrect.Count}) to pick the most frequent correct prediction; or set answer = original.");
        // Mode of the stripped correct predictions; ties go to the ordinally smallest text so the choice is stable.
        var best = r.Samples.Where((_, i) => r.SampleCorrect[i]).Select(s => s.Trim()).Where(s => s.Length > 0)
            .GroupBy(s => s, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best?.Key ?? throw new RaitException($"{source}: row id {r.Id}: no correct sampled prediction to rehearse on.");
    }
}
