namespace Rait.Pipeline.Eval;

/// <summary>What a run did for one split.</summary>
public enum EvalSplitStatus
{
    /// <summary>Answers generated and scored.</summary>
    Generated,
    /// <summary>Stored answers reused, metrics recomputed (aggregation settings or reference changed).</summary>
    Rescored,
    /// <summary>Answers and metrics already present with the same fingerprints.</summary>
    Skipped,
}
