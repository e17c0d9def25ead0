namespace Rait.World.Config;

/// <summary>
/// Facts the corpus states with conflicting values. A share <see cref="Share"/> of the facts seen at least
/// <see cref="MinExposure"/> times in biographies get a rival value in ⌊(exposure − 1) / 2⌋ of their biography
/// mentions, always fewer than half, so the true value stays the majority and the gold answer. A model that
/// learns the corpus samples both values: its correctness μ lands between 0 and 1 with low certainty, the
/// partially known facts that certainty-aware methods (CRaFT, GRAIT) are built for.
/// </summary>
public sealed record ConflictOptions
{
    /// <summary>Share of the eligible facts that get a rival value, in [0, 1].</summary>
    public double Share { get; init; } = 0.4;
    /// <summary>Smallest exposure that can carry a rival value (≥ 3, so the true value keeps a strict majority).</summary>
    public int MinExposure { get; init; } = 3;

    /// <summary>Rival mentions of a fact with this exposure: fewer than half, at least one at <see cref="MinExposure"/>.</summary>
    public static int RivalMentions(int exposure) => Math.Max(0, (exposure - 1) / 2);

    internal void Validate(string prefix, List<string> errors)
    {
        if (!(Share >= 0 && Share <= 1)) errors.Add($"{prefix}.share: expected a share in [0, 1], got {Share}.");
        if (MinExposure is < 3 or > 50) errors.Add($"{prefix}.min_exposure: expected 3..50, got {MinExposure}.");
    }
}
