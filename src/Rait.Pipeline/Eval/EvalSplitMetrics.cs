using System.Text.Json.Serialization;
using Rait.Evaluation;
using Rait.Evaluation.Judge;

namespace Rait.Pipeline.Eval;

/// <summary>The metrics of one split in metrics.json, with the fingerprints that decide whether a rerun can reuse them.</summary>
public sealed record EvalSplitMetrics
{
    [JsonPropertyName("split")] public required string Split { get; init; }
    [JsonPropertyName("data_file")] public required string DataFile { get; init; }
    /// <summary>Hash of the data file, prompt, decoding, confidence and classifier settings: same value, same answers.</summary>
    [JsonPropertyName("answers_fingerprint")] public required string AnswersFingerprint { get; init; }
    /// <summary>Hash of the aggregation settings, method label and reference answers: same value, same metrics.</summary>
    [JsonPropertyName("metrics_fingerprint")] public required string MetricsFingerprint { get; init; }
    /// <summary>Reference folder used for THS and base-known flags, if any.</summary>
    [JsonPropertyName("reference")] public string? Reference { get; init; }
    [JsonPropertyName("result")] public required MethodResult Result { get; init; }
    /// <summary>Agreement of the LLM judge with the rule-based outcomes on open items; null without a judge.</summary>
    [JsonPropertyName("judge_agreement")] public JudgeAgreementResult? JudgeAgreement { get; init; }
}
