namespace Rait.Server.Dto;

/// <summary><c>choices[].logprobs</c> of the chat API: one entry per generated token.</summary>
public sealed record ChatLogprobs(IReadOnlyList<TokenLogprob> Content);
