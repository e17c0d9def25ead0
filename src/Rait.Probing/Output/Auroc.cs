namespace Rait.Probing.Output;

/// <summary>Area under the ROC curve as the Mann-Whitney statistic: P(score of a positive > score of a
/// negative) + ½ P(tie), with tied scores given their average rank.</summary>
public static class Auroc
{
    /// <returns>AUROC in [0, 1], or null when either class is empty.</returns>
    public static double? Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count) throw new ArgumentException("scores and labels differ in length", nameof(positive));
        int pos = positive.Count(p => p), neg = positive.Count - pos;
        if (pos == 0 || neg == 0) return null;
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            double avg = (i + j) / 2.0 + 1;   // ranks are 1-based
            for (int k = i; k <= j; k++) ranks[order[k]] = avg;
            i = j + 1;
        }
        double rankSum = Enumerable.Range(0, scores.Count).Where(i => positive[i]).Sum(i => ranks[i]);
        return (rankSum - pos * (pos + 1) / 2.0) / ((double)pos * neg);
    }
}
