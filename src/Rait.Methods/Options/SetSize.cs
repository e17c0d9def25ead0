using System.Text.Json.Serialization;

namespace Rait.Methods.Options;

/// <summary>
/// Size of a two-part RAIT set: a total and a keep:refuse ratio. The refusal share is rounded down
/// as in CRaFT's constructor (10000 // 10 × 2 = 2000 refusals, 8000 kept).
/// </summary>
public sealed record SetSize
{
    public int Total { get; init; } = 10_000;
    /// <summary>Ratio part of samples whose answer is kept (CRaFT code: 4).</summary>
    public int KeepParts { get; init; } = 4;
    /// <summary>Ratio part of samples whose target becomes the refusal (CRaFT code: 1).</summary>
    public int RefuseParts { get; init; } = 1;

    // Derived, not settable: kept out of configs so an edited count cannot be silently ignored.
    [JsonIgnore]
    public int RefuseCount => (int)((long)Total * RefuseParts / (KeepParts + RefuseParts));
    [JsonIgnore]
    public int KeepCount => Total - RefuseCount;

    public IEnumerable<string> Validate(string path)
    {
        if (Total <= 0) yield return $"{path}.total: must be > 0, got {Total}.";
        if (KeepParts < 0) yield return $"{path}.keep_parts: must be ≥ 0, got {KeepParts}.";
        if (RefuseParts < 0) yield return $"{path}.refuse_parts: must be ≥ 0, got {RefuseParts}.";
        if (KeepParts + RefuseParts <= 0) yield return $"{path}: keep_parts + refuse_parts must be > 0.";
    }
}
