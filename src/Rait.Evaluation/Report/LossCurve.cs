using System.Text.Json.Serialization;

namespace Rait.Evaluation.Report;

/// <summary>Training loss of one method as (step, loss) points.</summary>
public sealed record LossCurve(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("points")] IReadOnlyList<LossPoint> Points);

