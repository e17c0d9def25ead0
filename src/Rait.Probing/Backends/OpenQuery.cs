using Rait.Core.Records;

namespace Rait.Probing.Backends;

/// <summary>One open-ended question as a backend sees it: the chat form, the plain-text form and its own seed.</summary>
public sealed record OpenQuery(IReadOnlyList<ChatMessage> Messages, string PlainPrompt, ulong Seed);

/// <summary>What the backend produced for one question: the greedy answer with its token log-probs, and the samples.</summary>
public sealed record OpenGeneration(string Greedy, IReadOnlyList<float> GreedyLogProbs, IReadOnlyList<string> Samples);

/// <summary>Decoding settings shared by all questions of a probe.</summary>
public sealed record OpenSampling(int Samples, double Temperature, double TopP, int MaxNewTokens, IReadOnlyList<string> StopStrings, bool Chat);

/// <summary>A multiple-choice prompt ending in "Answer:" and the option labels whose next-token probabilities are wanted.</summary>
public sealed record LetterQuery(string Prompt, IReadOnlyList<string> Labels);
