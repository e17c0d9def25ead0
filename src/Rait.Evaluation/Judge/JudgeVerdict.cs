using System.Text.Json.Serialization;

namespace Rait.Evaluation.Judge;

/// <summary>The judge's parsed label for one item, with its raw reply kept for auditing.</summary>
public sealed record JudgeVerdict(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label")] JudgeLabel Label,
    [property: JsonPropertyName("reply")] string Reply);
