namespace Rait.Server.Dto;

/// <summary><c>response_format</c>; only <c>{"type": "text"}</c> is served (no constrained decoding).</summary>
public sealed record ResponseFormatDto
{
    public string? Type { get; init; }
}
