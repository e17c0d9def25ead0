namespace Rait.Evaluation.Metrics;

/// <summary>Average precision of a confidence score as a detector of correct answers.</summary>
/// <remarks>
/// R-Tuning <c>calculate_ap.py</c> calls scikit-learn's <c>average_precision_score(correct, score)</c>:
/// AP = Σ_k (R_k − R_{k−1}) · P_k over the distinct scores taken as thresholds in descending order,
/// where P_k and R_k are precision and recall of "score ≥ threshold_k". Tied scores enter together;
/// there is no interpolation. Returns a fraction in [0, 1]; NaN when no item is correct (scikit-learn
/// warns there and its value is meaningless).
/// </remarks>
public static class AveragePrecision
{
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> correct)
    {
        ScorePairs.Check(scores, correct);
        int positives = correct.Count(c => c);
        if (positives == 0) return double.NaN;
        var order = ScorePairs.DescendingOrder(scores);
        double ap = 0, previousRecall = 0;
        int tp = 0, seen = 0;
        for (int k = 0; k < order.Length; k++)
        {
            int i = order[k];
            seen++;
            if (correct[i]) tp++;
            // Only close a threshold once every item with this score has been counted.
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[i]) continue;
            double recall = (double)tp / positives;
            ap += (recall - previousRecall) * tp / seen;
            previousRecall = recall;
        }
        return ap;
    }
}
