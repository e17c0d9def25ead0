using System.Text.Json.Serialization;

namespace Rait.Probing;

/// <summary>One in-context example of the open-ended prompt: a question and the answer the assistant gives.</summary>
public sealed record FewShotExample(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer);
