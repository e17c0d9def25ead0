using System.Text.Json.Serialization;

namespace Rait.Evaluation.Report;

/// <summary>One probed question: correctness μ, certainty σ, and whether the model truly knows the fact (ground truth).</summary>
public sealed record ProbePoint(
    [property: JsonPropertyName("mu")] double Mu,
    [property: JsonPropertyName("sigma")] double Sigma,
    [property: JsonPropertyName("known")] bool Known);
