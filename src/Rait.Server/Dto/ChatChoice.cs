namespace Rait.Server.Dto;

/// <summary>One chat choice; <c>logprobs</c> is null unless requested.</summary>
public sealed record ChatChoice(int Index, AssistantMessage Message, ChatLogprobs? Logprobs, string FinishReason);
