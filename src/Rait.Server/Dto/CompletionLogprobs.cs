namespace Rait.Server.Dto;

/// <summary>Legacy log-prob lists, parallel per token. With echo the first prompt token has a null log-prob and null alternatives.</summary>
/// <param name="TextOffset">Character offset of each token in the choice's text.</param>
public sealed record CompletionLogprobs(IReadOnlyList<string> Tokens, IReadOnlyList<float?> TokenLogprobs,
    IReadOnlyList<IReadOnlyDictionary<string, float>?> TopLogprobs, IReadOnlyList<int> TextOffset);
