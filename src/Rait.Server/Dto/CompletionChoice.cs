namespace Rait.Server.Dto;

/// <summary>One completion choice; with echo the text starts with the prompt.</summary>
public sealed record CompletionChoice(string Text, int Index, CompletionLogprobs? Logprobs, string? FinishReason);
