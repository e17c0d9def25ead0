namespace Rait.Training;

/// <summary>One line of train_log.jsonl.</summary>
public sealed record TrainStepLog(int Step, int Epoch, double Loss, double Lr, double GradNorm, double TokensPerSecond, long Tokens);

/// <summary>Progress report after each optimizer step.</summary>
public sealed record TrainProgress(int Step, int TotalSteps, double Loss, double TokensPerSecond, TimeSpan Eta);

/// <summary>What a training run did.</summary>
/// <param name="ResumedFrom">Step of the checkpoint the run continued from, or 0.</param>
public sealed record TrainResult(int Steps, IReadOnlyList<TrainStepLog> Log, int ResumedFrom)
{
    /// <summary>What packing did (set by <see cref="SftRecipe"/>); null when packing is off.</summary>
    public Data.PackingStats? Packing { get; init; }
}
