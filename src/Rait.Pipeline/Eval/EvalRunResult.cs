namespace Rait.Pipeline.Eval;

/// <summary>Everything a run produced, split by split, in request order.</summary>
public sealed record EvalRunResult(string Method, string ModelFingerprint, string OutDir, IReadOnlyList<EvalSplitOutcome> Splits);
