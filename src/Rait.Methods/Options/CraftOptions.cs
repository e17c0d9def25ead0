namespace Rait.Methods.Options;

/// <summary>CRaFT and its ablations (spec §2.6).</summary>
public enum CraftVariant
{
    /// <summary>Thresholds, flow filter Δμ, certainty ranking.</summary>
    Full,
    /// <summary>"w/o Flow" = CorCer-RAIT: no Δμ filter, no rehearsed probe table needed.</summary>
    WithoutFlow,
    /// <summary>"w/o Cer": flow filter but random instead of certainty-ranked selection (unverified reading).</summary>
    WithoutCertainty,
}

/// <summary>Which knowledge-flow values let an unknown sample become an IdK sample.</summary>
public enum FlowFilter
{
    /// <summary>Δμ &lt; 0 (paper text, OEQA code): an unknown fact already at μ = 0 can never qualify.</summary>
    Decreased,
    /// <summary>Δμ ≤ 0 (MCQA code drops only Δμ &gt; 0): drops exactly the unknown facts rehearsal is teaching.</summary>
    NotIncreased,
}

public sealed record CraftOptions : MethodOptions
{
    public CraftVariant Variant { get; init; } = CraftVariant.Full;
    public SetSize Size { get; init; } = new();
    public MuThresholds OpenThresholds { get; init; } = MuThresholds.CraftOpen;
    public MuThresholds McThresholds { get; init; } = MuThresholds.CraftMultipleChoice;
    /// <summary>
    /// Default Δμ ≤ 0: the flow filter exists to drop unknown questions the model is learning (μ rises under
    /// rehearsal), whose refusal would conflict with that; a fact stuck at μ = 0 is unlearnable and is exactly
    /// what should be refused, but Δμ &lt; 0 drops it (see the README for the measured effect).
    /// </summary>
    public FlowFilter FlowRule { get; init; } = FlowFilter.NotIncreased;
    /// <summary>Round σ before ranking (OEQA code stores σ rounded to 2 decimals); null = exact σ.</summary>
    public int? RoundSigmaDecimals { get; init; }
    /// <summary>Also keep every candidate tied with the last one at the cut (pandas keep='all', MCQA code).</summary>
    public bool IncludeCutoffTies { get; init; }

    public override IReadOnlyList<string> Validate()
    {
        var errors = ValidateCommon("craft").Concat(Size.Validate("craft.size"))
            .Concat(OpenThresholds.Validate("craft.open_thresholds")).Concat(McThresholds.Validate("craft.mc_thresholds")).ToList();
        if (RoundSigmaDecimals is < 0 or > 15) errors.Add($"craft.round_sigma_decimals: must be in [0, 15], got {RoundSigmaDecimals}.");
        return errors;
    }
}
