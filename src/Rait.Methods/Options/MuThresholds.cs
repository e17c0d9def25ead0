namespace Rait.Methods.Options;

/// <summary>How correctness μ splits a pool: known (answer kept), unknown (refusal) or dropped.</summary>
public enum MuClass { Known, Unknown, Dropped }

/// <summary>
/// Correctness thresholds with explicit strictness, because the published code differs exactly at
/// the boundary: CRaFT OEQA keeps μ ≥ 0.51 / refuses μ ≤ 0.49 (μ = 0.5 dropped), CRaFT MCQA keeps
/// μ ≥ 0.5 / refuses μ &lt; 0.5, GRAIT keeps μ &gt; 0.5 / refuses μ &lt; 0.5 (spec §2.6, §3.4).
/// </summary>
public sealed record MuThresholds
{
    /// <summary>Lower bound for "known".</summary>
    public double KnownMin { get; init; } = 0.51;
    /// <summary>Whether μ == KnownMin counts as known (≥) or not (&gt;).</summary>
    public bool KnownInclusive { get; init; } = true;
    /// <summary>Upper bound for "unknown".</summary>
    public double UnknownMax { get; init; } = 0.49;
    /// <summary>Whether μ == UnknownMax counts as unknown (≤) or not (&lt;).</summary>
    public bool UnknownInclusive { get; init; } = true;

    /// <summary>CRaFT / Cor-RAIT OEQA (triviaqa_RAI.py): μ ≥ 0.51 known, μ ≤ 0.49 unknown.</summary>
    public static MuThresholds CraftOpen => new();
    /// <summary>CRaFT / Cor-RAIT MCQA (mmlu_RAI.py): μ ≥ 0.5 known, μ &lt; 0.5 unknown.</summary>
    public static MuThresholds CraftMultipleChoice => new() { KnownMin = 0.5, KnownInclusive = true, UnknownMax = 0.5, UnknownInclusive = false };
    /// <summary>GRAIT (construct_grait_data.py): μ &gt; 0.5 known, μ &lt; 0.5 unknown, μ = 0.5 dropped.</summary>
    public static MuThresholds Grait => new() { KnownMin = 0.5, KnownInclusive = false, UnknownMax = 0.5, UnknownInclusive = false };

    public MuClass Classify(double mu)
    {
        if (KnownInclusive ? mu >= KnownMin : mu > KnownMin) return MuClass.Known;
        if (UnknownInclusive ? mu <= UnknownMax : mu < UnknownMax) return MuClass.Unknown;
        return MuClass.Dropped;
    }

    public IEnumerable<string> Validate(string path)
    {
        if (!(KnownMin >= 0 && KnownMin <= 1)) yield return $"{path}.known_min: must be in [0, 1], got {KnownMin}.";
        if (!(UnknownMax >= 0 && UnknownMax <= 1)) yield return $"{path}.unknown_max: must be in [0, 1], got {UnknownMax}.";
        if (UnknownMax > KnownMin || (UnknownMax == KnownMin && KnownInclusive && UnknownInclusive))
            yield return $"{path}: known and unknown ranges overlap (known_min {KnownMin}, unknown_max {UnknownMax}).";
    }
}
