using System.Text.Json.Serialization;

namespace Rait.Core.Records;

/// <summary>
/// One supervised fine-tuning row, as every RAIT method writes it and the trainer reads it:
/// the prompt (user turn, optionally with a system turn), the target answer, and a loss weight.
/// The loss covers only the answer tokens.
/// </summary>
public sealed record SftExample
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("system")] public string? System { get; init; }
    [JsonPropertyName("prompt")] public required string Prompt { get; init; }
    [JsonPropertyName("answer")] public required string Answer { get; init; }
    /// <summary>Per-sample loss weight w_i (GRAIT); 1 by default.</summary>
    [JsonPropertyName("weight")] public double Weight { get; init; } = 1.0;
    /// <summary>Method that produced the row (van, cor, rtuning, craft, grait, context).</summary>
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    /// <summary>Why the row has this target (e.g. "known:keep", "unknown:refuse", "rehearsal").</summary>
    [JsonPropertyName("reason")] public string Reason { get; init; } = "";
    /// <summary>Id of the QA item the row was built from.</summary>
    [JsonPropertyName("source_id")] public string? SourceId { get; init; }
    [JsonPropertyName("meta")] public ItemMetadata Meta { get; init; } = new();
}
