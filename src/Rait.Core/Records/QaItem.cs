using System.Text.Json.Serialization;

namespace Rait.Core.Records;

/// <summary>
/// An open-ended QA item: a question and the answer aliases any of which counts as correct.
/// An empty alias list means "unanswerable" (SQuAD v2, SelfAware); readers reject it otherwise.
/// </summary>
public sealed record QaItem
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("question")] public required string Question { get; init; }
    [JsonPropertyName("answers")] public required IReadOnlyList<string> Answers { get; init; }
    /// <summary>Optional supporting passage (context-based refusal, SQuAD).</summary>
    [JsonPropertyName("context")] public string? Context { get; init; }
    [JsonPropertyName("meta")] public ItemMetadata Meta { get; init; } = new();
}
