using System.Text.Json.Serialization;

namespace Rait.Evaluation;

/// <summary>One evaluated item: its outcome plus the optional signals the metrics need.</summary>
public sealed record EvalRow
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("outcome")] public required Outcome Outcome { get; init; }
    /// <summary>The model's response (kept for inspection; no metric reads it).</summary>
    [JsonPropertyName("prediction")] public string? Prediction { get; init; }
    /// <summary>Subject or task, for macro averaging (MMLU style).</summary>
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    /// <summary>Confidence score in [0, 1] for AP/AUROC (R-Tuning: 0.5·answer confidence + 0.5·P(sure)).</summary>
    [JsonPropertyName("confidence")] public double? Confidence { get; init; }
    /// <summary>Whether the base model knew the item (probe μ above threshold); enables over-refusal.</summary>
    [JsonPropertyName("base_known")] public bool? BaseKnown { get; init; }
    /// <summary>Ground-truth pretraining exposure of the fact (synthetic world); enables hallucination.</summary>
    [JsonPropertyName("exposure")] public int? Exposure { get; init; }
}
