using Rait.Core;
using Rait.Methods.Common;

namespace Rait.Methods.Craft;

/// <summary>
/// Knowledge flow Δμ_i = μ~_i − μ0_i per question id (CRaFT spec §2.5). Joined by id, not by row
/// position: the released OEQA code misaligns Δμ with question ids.
/// </summary>
public static class KnowledgeFlow
{
    /// <summary>Δμ for every pool id; also checks the rehearsed table's fingerprints against the pool's.</summary>
    /// <exception cref="RaitException">Rehearsed table from another prompt, from the same (un-rehearsed) model, or missing ids.</exception>
    public static (IReadOnlyDictionary<string, double> Flow, InputFingerprint Fingerprint) Compute(
        ProbeTable pool, InputFingerprint poolFingerprint, ProbeTable rehearsed)
    {
        var fp = ProbeChecks.Check(rehearsed, "rehearsed", expectedModel: null, expectedPrompt: poolFingerprint.PromptFingerprint);
        if (fp.ModelFingerprint == poolFingerprint.ModelFingerprint)
            throw new RaitException($"{rehearsed.Source}: model_fingerprint '{fp.ModelFingerprint}' equals the pool's ({pool.Source}); " +
                "the rehearsed table must come from the model after the rehearsal fine-tune.");
        var after = rehearsed.Rows.ToDictionary(r => r.Id, r => r.Mu, StringComparer.Ordinal);
        var missing = pool.Rows.Where(r => !after.ContainsKey(r.Id)).Select(r => r.Id).ToList();
        if (missing.Count > 0)
            throw new RaitException($"{rehearsed.Source}: {missing.Count} pool ids of {pool.Source} are missing " +
                $"(first: {string.Join(", ", missing.Take(3))}); re-probe the whole pool after rehearsal.");
        var flow = pool.Rows.ToDictionary(r => r.Id, r => after[r.Id] - r.Mu, StringComparer.Ordinal);
        return (flow, fp);
    }
}
