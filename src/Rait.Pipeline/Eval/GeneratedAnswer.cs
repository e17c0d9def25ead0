namespace Rait.Pipeline.Eval;

/// <summary>A greedy answer with its confidence signals.</summary>
/// <param name="AnswerConfidence">exp(mean log-prob) of the generated tokens; 0 for an empty answer.</param>
/// <param name="PSure">R-Tuning P(sure), when scored.</param>
public sealed record GeneratedAnswer(string Text, double AnswerConfidence, double? PSure);
