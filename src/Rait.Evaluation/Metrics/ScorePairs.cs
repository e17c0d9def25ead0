namespace Rait.Evaluation.Metrics;

/// <summary>Shared checks and ordering for score-vs-label metrics.</summary>
internal static class ScorePairs
{
    public static void Check(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count)
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels", nameof(labels));
        for (int i = 0; i < scores.Count; i++)
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"score {i} is {scores[i]}, expected a finite number", nameof(scores));
    }

    /// <summary>Indices sorted by score, highest first; ties keep input order.</summary>
    public static int[] DescendingOrder(IReadOnlyList<double> scores) =>
        Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
}
