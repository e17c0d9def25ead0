using System.Text.Json.Serialization;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation;

/// <summary>
/// All metrics of one method on one split, each with its bootstrap interval. Every value is in %
/// (THS in percentage points, AP and AUROC scaled by 100); optional metrics are null when the
/// rows lack the signal they need (reference, confidence, base-known flags, exposure).
/// </summary>
public sealed record MethodResult
{
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("split")] public required string Split { get; init; }
    [JsonPropertyName("n")] public required int N { get; init; }
    /// <summary>True when the rates are macro-averaged over subjects.</summary>
    [JsonPropertyName("macro")] public bool Macro { get; init; }
    [JsonPropertyName("correct")] public required Estimate Correct { get; init; }
    [JsonPropertyName("wrong")] public required Estimate Wrong { get; init; }
    [JsonPropertyName("refused")] public required Estimate Refused { get; init; }
    [JsonPropertyName("fail_parse")] public required Estimate FailParse { get; init; }
    [JsonPropertyName("ths")] public Estimate? Ths { get; init; }
    [JsonPropertyName("average_precision")] public Estimate? AveragePrecision { get; init; }
    [JsonPropertyName("auroc")] public Estimate? Auroc { get; init; }
    [JsonPropertyName("over_refusal")] public Estimate? OverRefusal { get; init; }
    [JsonPropertyName("hallucination")] public Estimate? Hallucination { get; init; }
    /// <summary>Bootstrap resamples behind the intervals (0 = no intervals).</summary>
    [JsonPropertyName("replicates")] public int Replicates { get; init; }
}
