namespace Rait.Methods.RTuning;

/// <summary>
/// What the evaluator scores to get R-Tuning's P(sure): <see cref="Prompt"/> as the user turn,
/// <see cref="AssistantPrefix"/> as the start of the assistant turn, then the likelihood of each continuation.
/// </summary>
public sealed record SureProbe(string Prompt, string AssistantPrefix, string SureContinuation, string UnsureContinuation);
