namespace Rait.Server;

/// <summary>One token with its log-prob (null for the first prompt token) and the top alternatives at its position.</summary>
public sealed record TokenLogprobInfo(string Token, float? Logprob, IReadOnlyList<TokenAlternative> Top);
