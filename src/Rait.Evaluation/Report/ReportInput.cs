using System.Text.Json.Serialization;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>Everything a run report shows, filled by the pipeline from typed stage outputs.</summary>
public sealed record ReportInput
{
    [JsonPropertyName("run_name")] public required string RunName { get; init; }
    /// <summary>One result per method and split (ID and OOD splits side by side).</summary>
    [JsonPropertyName("results")] public required IReadOnlyList<MethodResult> Results { get; init; }
    /// <summary>THS reference point E1 (Init-Basic) per split, drawn as the reference line in the Pc-Pw plane.</summary>
    [JsonPropertyName("references")] public IReadOnlyList<ReferencePoint> References { get; init; } = [];
    /// <summary>Probe records as (μ, σ, ground-truth known) for the μ-σ scatter.</summary>
    [JsonPropertyName("probe_points")] public IReadOnlyList<ProbePoint> ProbePoints { get; init; } = [];
    [JsonPropertyName("loss_curves")] public IReadOnlyList<LossCurve> LossCurves { get; init; } = [];
    /// <summary>Per method (and seed): what it fine-tuned on.</summary>
    [JsonPropertyName("training_sets")] public IReadOnlyList<TrainingSetSummary> TrainingSets { get; init; } = [];
    [JsonPropertyName("exposure_buckets")] public IReadOnlyList<ExposureBucketRate> ExposureBuckets { get; init; } = [];
    /// <summary>Distribution of the base model's probed μ and σ; null without a probe.</summary>
    [JsonPropertyName("probe_histogram")] public ProbeHistogram? ProbeHistogram { get; init; }
    /// <summary>Each tuned method's THS and over-refusal per split and seed (the study's raw data).</summary>
    [JsonPropertyName("seed_scores")] public IReadOnlyList<SeedScore> SeedScores { get; init; } = [];
    /// <summary>Paired differences over seeds and the papers' orderings; null when the run has no seeded methods.</summary>
    [JsonPropertyName("study")] public StudyResult? Study { get; init; }
}
