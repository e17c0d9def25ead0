using System.Text.Json.Serialization;

namespace Rait.Core.Records;

/// <summary>One answer option of a multiple-choice item, with its letter label (A, B, ...).</summary>
public sealed record McOption(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A multiple-choice item. Target is the label of the gold option (never a position).</summary>
public sealed record McItem
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("question")] public required string Question { get; init; }
    [JsonPropertyName("options")] public required IReadOnlyList<McOption> Options { get; init; }
    [JsonPropertyName("target")] public required string Target { get; init; }
    [JsonPropertyName("meta")] public ItemMetadata Meta { get; init; } = new();
}
