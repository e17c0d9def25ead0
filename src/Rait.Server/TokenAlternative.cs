namespace Rait.Server;

/// <summary>An alternative token at a position, decoded in context.</summary>
public sealed record TokenAlternative(string Token, float Logprob);
