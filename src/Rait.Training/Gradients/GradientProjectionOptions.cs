namespace Rait.Training.Gradients;

/// <summary>How per-sample gradients become GRAIT/LESS features.</summary>
/// <param name="Dimensions">Target dimension d of the random projection (LESS uses 8192; small models need far fewer).</param>
/// <param name="Seed">Seed of the Rademacher matrix: the same seed gives the same projection for every sample.</param>
/// <param name="AdamPreconditioned">Use the Adam update direction (with the warm-up optimizer's moments) instead of the raw gradient.</param>
public sealed record GradientProjectionOptions(int Dimensions = 256, long Seed = 0, bool AdamPreconditioned = true)
{
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        if (Dimensions <= 0) e.Add($"gradients.dimensions: expected > 0, got {Dimensions}");
        return e;
    }
}
