namespace Rait.Server.Dto;

/// <summary>One alternative token at a position.</summary>
public sealed record TopLogprob(string Token, float Logprob, IReadOnlyList<int> Bytes);
