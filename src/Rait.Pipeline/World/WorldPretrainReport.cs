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
    /// <summary>Greedy id_test accuracy on facts seen at least K times.</summary>
    public required double AccuracyKnown { get; init; }
    /// <summary>The same for people never quizzed in the corpus: facts seen only in biographies (knowledge extraction).</summary>
    public required double AccuracyKnownBiographyOnly { get; init; }
    /// <summary>Greedy id_test accuracy on facts never seen.</summary>
    public required double AccuracyUnseen { get; init; }
    /// <summary>What guessing a uniformly random value of the asked attribute would score on the unseen facts.</summary>
    public required double ChanceUnseen { get; init; }
    /// <summary>The sampled probe of the training split (μ, σ distribution; partially known share).</summary>
    public required ProbedKnowledge Probe { get; init; }
}
