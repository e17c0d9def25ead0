namespace Rait.Methods.Options;

/// <summary>
/// Cor-RAIT (R-Tuning-style replacement as CRaFT runs it): random known samples keep their answer,
/// random unknown samples get the refusal.
/// </summary>
public sealed record CorOptions : MethodOptions
{
    public SetSize Size { get; init; } = new();
    public MuThresholds OpenThresholds { get; init; } = MuThresholds.CraftOpen;
    public MuThresholds McThresholds { get; init; } = MuThresholds.CraftMultipleChoice;
    /// <summary>Draw with replacement (CRaFT MCQA code parity).</summary>
    public bool WithReplacement { get; init; }

    public override IReadOnlyList<string> Validate() =>
        ValidateCommon("cor").Concat(Size.Validate("cor.size"))
            .Concat(OpenThresholds.Validate("cor.open_thresholds")).Concat(McThresholds.Validate("cor.mc_thresholds")).ToList();
}
