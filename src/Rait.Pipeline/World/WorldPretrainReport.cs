namespace Rait.Pipeline.World;

/// <summary>pretrain_report.json: what pretraining produced and where the knowledge boundary lies.</summary>
public sealed record WorldPretrainReport
{
    public required string WorldHash { get; init; }
    public required long Parameters { get; init; }
    public required int Steps { get; init; }
    public required long Tokens { get; init; }
    public required double FinalLoss { get; init; }
    public required double Seconds { get; init; }
    public required int KnownExposure { get; init; }
    /// <summary>Greedy accuracy by exposure on the held-out (id_test) questions.</summary>
    public required IReadOnlyList<ExposureBucketAccuracy> IdTest { get; init; }
    /// <summary>Greedy accuracy by exposure on the training split's questions (people seen in QA form).</summary>
    public required IReadOnlyList<ExposureBucketAccuracy> Train { get; init; }
    public required double AccuracyKnown { get; init; }
    public required double AccuracyUnseen { get; init; }
}
