namespace Rait.Server.Dto;

/// <summary>The generated message.</summary>
public sealed record AssistantMessage(string Content)
{
    public string Role => "assistant";
}
