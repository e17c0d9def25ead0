namespace Rait.Evaluation.Metrics;

/// <summary>
/// Refusal rate (%) of one method on items whose exposure lies in [MinExposure, MaxExposure];
/// MaxExposure is inclusive and null for the open last bucket.
/// </summary>
public sealed record ExposureBucketRate(string Method, string Split, int MinExposure, int? MaxExposure, int N, double RefusalRate)
{
    /// <summary>"0", "1-2", "10+".</summary>
    public string Label => MaxExposure is null ? $"{MinExposure}+" : MaxExposure == MinExposure ? $"{MinExposure}" : $"{MinExposure}-{MaxExposure}";
}
