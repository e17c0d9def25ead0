using Rait.Evaluation.Metrics;

namespace Rait.Pipeline.World;

/// <summary>
/// The base model's sampled probe of the training split, the view the RAIT methods get: how correctness μ
/// and certainty σ are distributed, and how much of the split is partially known (0.1 ≤ μ ≤ 0.9).
/// </summary>
public sealed record ProbedKnowledge
{
    public required int Samples { get; init; }
    public required int Questions { get; init; }
    /// <summary>The partially known share (as <see cref="ProbeHistogram.PartialShare"/>) among questions on facts the corpus states at least once: guessing alone puts some
    /// never-seen facts at μ = 0.1, so this share is the one that measures learned, partial knowledge.</summary>
    public required double PartialShareSeen { get; init; }
    /// <summary>Questions per μ and per σ bin in tenths of [0, 1] (σ: lexical consistency of the samples).</summary>
    public required ProbeHistogram Histogram { get; init; }
    /// <summary>Mean μ and partial share by exposure bucket.</summary>
    public required IReadOnlyList<ProbedBucket> ByExposure { get; init; }
    /// <summary>The facts the corpus states with a rival value: questions, greedy accuracy and mean μ.</summary>
    public required ProbedGroup Conflicting { get; init; }
}

/// <summary>One exposure bucket of <see cref="ProbedKnowledge.ByExposure"/>.</summary>
public sealed record ProbedBucket(string Bucket, int Questions, double MeanMu, double PartialShare);

/// <summary>A group of probed questions: how many, greedy accuracy, mean μ.</summary>
public sealed record ProbedGroup(int Questions, double GreedyAccuracy, double MeanMu);
