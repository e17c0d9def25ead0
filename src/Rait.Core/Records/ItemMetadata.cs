using System.Text.Json.Serialization;

namespace Rait.Core.Records;

/// <summary>
/// Typed metadata carried by a QA item from its source to probing, building and evaluation.
/// Every field is optional; the synthetic world fills the ground-truth ones (person, attribute, exposure).
/// </summary>
public sealed record ItemMetadata
{
    /// <summary>Dataset the item came from (e.g. "nq-open", "mmlu", "world").</summary>
    [JsonPropertyName("source")] public string? Source { get; init; }
    /// <summary>Split name (train, test, id_test, ood_test, ...).</summary>
    [JsonPropertyName("split")] public string? Split { get; init; }
    /// <summary>Subject or task (MMLU subject, world attribute group); used for macro averaging.</summary>
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    /// <summary>Synthetic world: the person the question is about.</summary>
    [JsonPropertyName("person")] public string? Person { get; init; }
    /// <summary>Synthetic world: the attribute asked for (birth_city, employer, ...).</summary>
    [JsonPropertyName("attribute")] public string? Attribute { get; init; }
    /// <summary>Synthetic world: how many times the fact occurs in the pretraining corpus (ground truth).</summary>
    [JsonPropertyName("exposure")] public int? Exposure { get; init; }
    /// <summary>Whether the question is answerable at all (SelfAware, SQuAD v2, world contexts).</summary>
    [JsonPropertyName("answerable")] public bool? Answerable { get; init; }
    /// <summary>Question phrasing template id (synthetic world; OOD phrasings differ).</summary>
    [JsonPropertyName("template")] public string? Template { get; init; }
}
