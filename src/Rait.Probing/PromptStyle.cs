using System.Text.Json.Serialization;

namespace Rait.Probing;

/// <summary>Open-ended prompt format: CRaFT's knowledge-query prompts or a custom template.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromptStyle>))]
public enum PromptStyle
{
    /// <summary>"Answer the following question as simple as possible.\nQuestion: {question}\nAnswer:" (CRaFT §2.2).</summary>
    [JsonStringEnumMemberName("basic")] Basic,
    /// <summary>CRaFT's REFUSE hint: "... if you don't know the answer, only reply with 'I don't know': {question}".</summary>
    [JsonStringEnumMemberName("refuse")] Refuse,
    /// <summary><see cref="ProbeConfig.CustomTemplate"/> with a {question} placeholder.</summary>
    [JsonStringEnumMemberName("custom")] Custom,
}
