using System.Text.Json.Serialization;

namespace Rait.Server.Dto;

/// <summary>The first delta of a choice carries the role, the others a piece of content.</summary>
public sealed record ChunkDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);
