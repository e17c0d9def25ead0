namespace Rait.Pipeline.Eval;

/// <summary>What one <c>rait eval</c> run evaluates and where it writes.</summary>
public sealed record EvalRequest
{
    public required EvalModelSource Model { get; init; }
    /// <summary>Evaluation sets, each under its own split name (ID and OOD sets go in one run).</summary>
    public required IReadOnlyList<EvalDataFile> Data { get; init; }
    /// <summary>Output folder: answers.jsonl, metrics.json, resolved_config.toml.</summary>
    public required string OutDir { get; init; }
    /// <summary>A previous eval output folder (Init-Basic) for THS and base-known flags; null = THS absent.</summary>
    public string? ReferenceDir { get; init; }
    /// <summary>Label of the evaluated model in the results; null = the output folder's name.</summary>
    public string? Method { get; init; }
    /// <summary>Bearer token for the judge's endpoint, resolved by the caller; ignored without a judge section.</summary>
    public string? JudgeApiKey { get; init; }
}
