using System.Text.Json.Serialization;

namespace Rait.Evaluation.Report;

/// <summary>The training loss at one optimizer step.</summary>
public sealed record LossPoint(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("loss")] double Loss);
