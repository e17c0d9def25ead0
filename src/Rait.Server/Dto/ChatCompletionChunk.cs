using System.Text.Json.Serialization;

namespace Rait.Server.Dto;

/// <summary>One SSE event of a streamed chat completion; the usage chunk has no choices.</summary>
public sealed record ChatCompletionChunk(string Id, long Created, string Model, IReadOnlyList<ChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage)
{
    public string Object => "chat.completion.chunk";

    /// <summary>Rait extension, set on the usage chunk of a stream: SSE events already sent when generation ended, so a
    /// client can check that tokens arrived while the model was still decoding.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? EventsBeforeEnd { get; init; }
}
