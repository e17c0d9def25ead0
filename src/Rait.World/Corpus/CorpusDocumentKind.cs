using System.Text.Json.Serialization;

namespace Rait.World.Corpus;

/// <summary>Biography paragraph or question-answer chat document.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CorpusDocumentKind>))]
public enum CorpusDocumentKind
{
    [JsonStringEnumMemberName("bio")] Bio,
    [JsonStringEnumMemberName("qa")] Qa,
    /// <summary>Prompt and refusal phrases as plain text: no facts, only language the RAIT stage will use.</summary>
    [JsonStringEnumMemberName("language")] Language,
}
