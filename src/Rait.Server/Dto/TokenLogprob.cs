namespace Rait.Server.Dto;

/// <summary>A generated token, its log-probability, UTF-8 bytes and the most likely alternatives at its position.</summary>
public sealed record TokenLogprob(string Token, float Logprob, IReadOnlyList<int> Bytes, IReadOnlyList<TopLogprob> TopLogprobs);
