namespace Rait.Server.Dto;

/// <summary>A streamed choice delta; <c>finish_reason</c> is null until the last chunk of that choice.</summary>
public sealed record ChunkChoice(int Index, ChunkDelta Delta, ChatLogprobs? Logprobs, string? FinishReason);
