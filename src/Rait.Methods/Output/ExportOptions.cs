namespace Rait.Methods.Output;

/// <summary>
/// How weights reach frameworks without a per-sample weight (LLaMA-Factory v0, TRL): interop.md §6's
/// portable fallback duplicates each row round(weight × scale) times (0 copies drops the row); the
/// real weight stays in a "weight" column either way.
/// </summary>
public sealed record ExportOptions
{
    public bool DuplicateByWeight { get; init; }
    /// <summary>Multiplier before rounding; e.g. 2 keeps weight 0.5 rows once and weight 1 rows twice.</summary>
    public double DuplicationScale { get; init; } = 1.0;
    /// <summary>Dataset name prefix in LLaMA-Factory's dataset_info.json.</summary>
    public string DatasetName { get; init; } = "rait";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(DuplicationScale > 0 && double.IsFinite(DuplicationScale))) errors.Add($"export.duplication_scale: must be > 0, got {DuplicationScale}.");
        if (string.IsNullOrWhiteSpace(DatasetName)) errors.Add("export.dataset_name: must not be empty.");
        return errors;
    }

    public int Copies(double weight) => DuplicateByWeight ? Math.Max(0, (int)Math.Round(weight * DuplicationScale, MidpointRounding.AwayFromZero)) : 1;
}
