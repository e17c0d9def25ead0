using Rait.Evaluation;

namespace Rait.Pipeline.Eval;

/// <summary>The result of one split of a run and how it was obtained.</summary>
public sealed record EvalSplitOutcome(string Split, EvalSplitStatus Status, MethodResult Result);
