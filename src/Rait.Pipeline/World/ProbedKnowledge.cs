namespace Rait.Pipeline.World;

/// <summary>
/// The base model's sampled probe of the training split, the view the RAIT methods get: how correctness μ
/// and certainty σ are distributed, and how much of the split is partially known (0.1 ≤ μ ≤ 0.9).
/// </summary>
public sealed record ProbedKnowledge
{
    public required int Samples { get; init; }
    public required int Questions { get; init; }
    /// <summary>Share of the probed questions with 0.1 ≤ μ ≤ 0.9.</summary>
    public required double PartialShare { get; init; }
    /// <summary>The same among questions on facts the corpus states at least once: guessing alone puts some
    /// never-seen facts at μ = 0.1, so this share is the one that measures learned, partial knowledge.</summary>
    public required double PartialShareSeen { get; init; }
    /// <summary>Questions per μ bin [0, 0.1), [0.1, 0.2), …, [0.9, 1.0].</summary>
    public required IReadOnlyList<int> MuHistogram { get; init; }
    /// <summary>Questions per σ bin over [0, 1] in tenths (lexical consistency of the samples).</summary>
    public required IReadOnlyList<int> SigmaHistogram { get; init; }
    /// <summary>Mean μ and partial share by exposure bucket.</summary>
    public required IReadOnlyList<ProbedBucket> ByExposure { get; init; }
    /// <summary>The facts the corpus states with a rival value: questions, greedy accuracy and mean μ.</summary>
    public required ProbedGroup Conflicting { get; init; }

    public const double PartialLow = 0.1, PartialHigh = 0.9;

    public static bool IsPartial(double mu) => mu >= PartialLow && mu <= PartialHigh;

    /// <summary>Counts of values in [0, 1] per tenth; 1.0 falls in the last bin.</summary>
    public static int[] Tenths(IEnumerable<double> values)
    {
        var bins = new int[10];
        foreach (var v in values) bins[Math.Clamp((int)Math.Floor(v * 10), 0, 9)]++;
        return bins;
    }
}

/// <summary>One exposure bucket of <see cref="ProbedKnowledge.ByExposure"/>.</summary>
public sealed record ProbedBucket(string Bucket, int Questions, double MeanMu, double PartialShare);

/// <summary>A group of probed questions: how many, greedy accuracy, mean μ.</summary>
public sealed record ProbedGroup(int Questions, double GreedyAccuracy, double MeanMu);
