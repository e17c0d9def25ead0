namespace Rait.Server.Dto;

/// <summary>One request message: role system / user / assistant (tool turns are not supported by the templates).</summary>
public sealed record ChatMessageDto
{
    public string? Role { get; init; }
    public MessageContent? Content { get; init; }
    public string? Name { get; init; }
}
