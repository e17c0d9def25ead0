using System.Text.Json.Serialization;

namespace Rait.Probing.Output;

/// <summary>What a probe found, over all rows: μ histogram, μ-σ quadrants per question kind and,
/// when rows carry ground-truth exposure (synthetic world), μ by exposure bucket and AUROC of σ.</summary>
public sealed record ProbeSummary
{
    [JsonPropertyName("count")] public required int Count { get; init; }
    [JsonPropertyName("mean_mu")] public required double MeanMu { get; init; }
    [JsonPropertyName("mu_histogram")] public required IReadOnlyList<HistogramBin> MuHistogram { get; init; }
    [JsonPropertyName("quadrants")] public required IReadOnlyList<QuadrantCounts> Quadrants { get; init; }
    [JsonPropertyName("exposure_buckets")] public IReadOnlyList<ExposureBucket>? ExposureBuckets { get; init; }
    [JsonPropertyName("exposure_auroc")] public IReadOnlyList<ExposureAuroc>? ExposureAuroc { get; init; }
}

/// <summary>Rows with Lo ≤ μ &lt; Hi (the last bin includes 1).</summary>
public sealed record HistogramBin([property: JsonPropertyName("lo")] double Lo, [property: JsonPropertyName("hi")] double Hi, [property: JsonPropertyName("count")] int Count);

/// <summary>μ-σ quadrants of one question kind: μ split at MuThreshold, σ at the kind's median (σ scales differ per method).</summary>
public sealed record QuadrantCounts(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("mu_threshold")] double MuThreshold,
    [property: JsonPropertyName("sigma_threshold")] double SigmaThreshold,
    [property: JsonPropertyName("high_mu_high_sigma")] int HighMuHighSigma,
    [property: JsonPropertyName("high_mu_low_sigma")] int HighMuLowSigma,
    [property: JsonPropertyName("low_mu_high_sigma")] int LowMuHighSigma,
    [property: JsonPropertyName("low_mu_low_sigma")] int LowMuLowSigma);

/// <summary>Rows whose exposure lies in [Min, Max].</summary>
public sealed record ExposureBucket(
    [property: JsonPropertyName("min")] int Min, [property: JsonPropertyName("max")] int Max, [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("mean_mu")] double MeanMu, [property: JsonPropertyName("mean_sigma")] double MeanSigma);

/// <summary>How well σ (and μ) rank "exposure ≥ K" above "exposure &lt; K"; null when one class is empty.</summary>
public sealed record ExposureAuroc(
    [property: JsonPropertyName("k")] int K, [property: JsonPropertyName("positives")] int Positives, [property: JsonPropertyName("negatives")] int Negatives,
    [property: JsonPropertyName("auroc_sigma")] double? AurocSigma, [property: JsonPropertyName("auroc_mu")] double? AurocMu);
