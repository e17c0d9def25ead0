namespace Rait.Methods;

/// <summary>Refusal share among rows of one ground-truth exposure bucket (synthetic world).</summary>
public sealed record ExposureBucket(string Bucket, int Rows, int Refusals)
{
    public double RefusalShare => Rows == 0 ? 0 : (double)Refusals / Rows;
}

/// <summary>Counts of a built set, for the manifest and for reports.</summary>
public sealed record BuildSummary
{
    public required int Rows { get; init; }
    public required int Refusals { get; init; }
    public required double WeightSum { get; init; }
    /// <summary>Rows per reason wire name (e.g. "known:keep").</summary>
    public required IReadOnlyDictionary<string, int> ByReason { get; init; }
    /// <summary>Refusal share per exposure bucket; empty when no row carries meta.exposure.</summary>
    public required IReadOnlyList<ExposureBucket> ByExposure { get; init; }
    /// <summary>Groups that had fewer candidates than asked (asked, available, resampled); empty when every group was filled.</summary>
    public IReadOnlyList<SetShortfall> Shortfalls { get; init; } = [];

    /// <summary>Bucket lower bounds: 0 (never seen), 1-2 (rare), 3-9, 10+ (well seen).</summary>
    public static readonly int[] ExposureEdges = [0, 1, 3, 10];

    public static string BucketOf(int exposure)
    {
        for (int i = ExposureEdges.Length - 1; i >= 0; i--)
        {
            if (exposure < ExposureEdges[i]) continue;
            if (i == ExposureEdges.Length - 1) return $"{ExposureEdges[i]}+";
            int hi = ExposureEdges[i + 1] - 1;
            return hi == ExposureEdges[i] ? $"{hi}" : $"{ExposureEdges[i]}-{hi}";
        }
        return $"<{ExposureEdges[0]}";
    }
}
