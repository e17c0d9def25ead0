using System.Text.Json.Serialization;

namespace Rait.Server.Dto;

/// <summary>One SSE event of a streamed chat completion; the usage chunk has no choices.</summary>
public sealed record ChatCompletionChunk(string Id, long Created, string Model, IReadOnlyList<ChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage)
{
    public string Object => "chat.completion.chunk";
}
