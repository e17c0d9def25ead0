using System.Text.Json.Serialization;

namespace Rait.Server.Dto;

/// <summary>Legacy completions response (<c>object: "text_completion"</c>); also the shape of its stream chunks (usage then omitted).</summary>
public sealed record CompletionResponse(string Id, long Created, string Model, IReadOnlyList<CompletionChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage)
{
    public string Object => "text_completion";

    /// <summary>Rait extension, set on the usage chunk of a stream: SSE events already sent when generation ended, so a
    /// client can check that tokens arrived while the model was still decoding.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? EventsBeforeEnd { get; init; }
}
