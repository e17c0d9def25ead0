namespace Rait.Core.Endpoints;

/// <summary>One position of a response: the chosen token, its log-prob (null for the first echoed
/// prompt token) and the top alternatives the server returned (token to log-prob).</summary>
public sealed record TokenLogProb(string Token, double? LogProb, IReadOnlyDictionary<string, double> Top);
