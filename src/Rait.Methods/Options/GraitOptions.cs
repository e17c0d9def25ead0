namespace Rait.Methods.Options;

/// <summary>How GRAIT picks IdK samples (spec §3.4; both readings unverified against the paper).</summary>
public enum GraitSelection
{
    /// <summary>(a) top-N by I_i = ⟨ĝ_idk(i), mean ĝ_idk⟩: alignment with the average refusal gradient (figure, O1).</summary>
    MeanAlignment,
    /// <summary>(c) the released script: greedy picks removed, then the N remaining with the lowest S_j.</summary>
    GreedyResidualLowest,
}

/// <summary>Sign inside ω_i = C·softmax(±α_i/T).</summary>
public enum GraitWeightSign
{
    /// <summary>exp(−α/T): less weight for IdK samples that push known questions toward refusal (stated goal).</summary>
    LowerOverRefusal,
    /// <summary>exp(+α/T): the released code's sign.</summary>
    CodeParity,
}

/// <summary>Whether IdK samples get adaptive weights.</summary>
public enum GraitWeighting
{
    Adaptive,
    /// <summary>ω = 1 for all (what the released script finally writes, spec §3.5 caveat 1).</summary>
    Uniform,
}

/// <summary>GRAIT: correctness-ranked kept samples plus influence-selected, adaptively weighted IdK samples.</summary>
public sealed record GraitOptions : MethodOptions
{
    /// <summary>Code sizes: 4,000 kept, 1,000 IdK.</summary>
    public SetSize Size { get; init; } = new() { Total = 5000 };
    public MuThresholds Thresholds { get; init; } = MuThresholds.Grait;
    public GraitSelection Selection { get; init; } = GraitSelection.MeanAlignment;
    public GraitWeighting Weighting { get; init; } = GraitWeighting.Adaptive;
    public GraitWeightSign Sign { get; init; } = GraitWeightSign.LowerOverRefusal;
    /// <summary>Softmax temperature T.</summary>
    public double Temperature { get; init; } = 0.05;
    /// <summary>C = weight_sum when set (code: 500); otherwise C = mean_weight × N_idk.</summary>
    public double? WeightSum { get; init; }
    /// <summary>Mean IdK weight when weight_sum is unset (code: 500 / 1000 = 0.5).</summary>
    public double MeanWeight { get; init; } = 0.5;
    /// <summary>Tolerance on ‖ĝ‖ = 1; features are expected L2-normalised by the training engine.</summary>
    public double NormTolerance { get; init; } = 1e-3;
    /// <summary>The warm-up set reuses CRaFT's rehearsal selection (spec §3.2).</summary>
    public RehearsalOptions WarmUp { get; init; } = new();

    public override IReadOnlyList<string> Validate()
    {
        var errors = ValidateCommon("grait").Concat(Size.Validate("grait.size"))
            .Concat(Thresholds.Validate("grait.thresholds")).Concat(WarmUp.Validate("grait.warm_up")).ToList();
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) errors.Add($"grait.temperature: must be > 0, got {Temperature}.");
        if (WeightSum is { } c && !(c > 0 && double.IsFinite(c))) errors.Add($"grait.weight_sum: must be > 0, got {c}.");
        if (!(MeanWeight > 0 && double.IsFinite(MeanWeight))) errors.Add($"grait.mean_weight: must be > 0, got {MeanWeight}.");
        if (!(NormTolerance > 0)) errors.Add($"grait.norm_tolerance: must be > 0, got {NormTolerance}.");
        return errors;
    }
}
