namespace Rait.Evaluation.Metrics;

/// <summary>Area under the ROC curve of a confidence score separating correct from other answers.</summary>
/// <remarks>
/// Mann-Whitney form: the probability that a random correct item scores higher than a random incorrect
/// one, with ties counted as 0.5 (equal to the trapezoidal ROC area). Returns a fraction in [0, 1];
/// NaN when either class is empty.
/// </remarks>
public static class Auroc
{
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> correct)
    {
        ScorePairs.Check(scores, correct);
        long positives = correct.Count(c => c), negatives = correct.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        // Ascending sort; sum the mid-ranks of positives (ties share their average rank).
        var order = ScorePairs.DescendingOrder(scores).Reverse().ToArray();
        double rankSum = 0;
        int k = 0;
        while (k < order.Length)
        {
            int end = k;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[k]]) end++;
            double midRank = (k + end) / 2.0 + 1;
            for (int j = k; j <= end; j++) if (correct[order[j]]) rankSum += midRank;
            k = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
