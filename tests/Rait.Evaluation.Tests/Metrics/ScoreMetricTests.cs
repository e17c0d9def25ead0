using Rait.Core.Random;
using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Tests.Metrics;

public class ScoreMetricTests
{
    [Fact]
    public void AveragePrecision_SklearnDocExample_Is0Point8333()
    {
        // scikit-learn docs: y_true [0,0,1,1], scores [0.1,0.4,0.35,0.8] -> 0.8333.
        AveragePrecision.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]).ShouldBe(5.0 / 6, 1e-12);
    }

    [Fact]
    public void AveragePrecision_TiedScores_EnterTogether()
    {
        // Threshold 0.9: {1,0} -> P 1/2, R 1/2. Threshold 0.5: P 2/3, R 1. AP = 0.25 + 1/3.
        AveragePrecision.Compute([0.9, 0.9, 0.5], [true, false, true]).ShouldBe(0.25 + 1.0 / 3, 1e-12);
        // Order inside the tie must not matter.
        AveragePrecision.Compute([0.9, 0.9, 0.5], [false, true, true]).ShouldBe(0.25 + 1.0 / 3, 1e-12);
    }

    [Fact]
    public void AveragePrecision_NoCorrect_IsNaN() =>
        double.IsNaN(AveragePrecision.Compute([0.2, 0.3], [false, false])).ShouldBeTrue();

    [Fact]
    public void AveragePrecision_RandomData_MatchesThresholdDefinition()
    {
        var rng = new SplitMix64(7);
        var scores = Enumerable.Range(0, 300).Select(_ => rng.NextInt(20) / 20.0).ToArray();   // many ties
        var labels = Enumerable.Range(0, 300).Select(_ => rng.NextInt(3) == 0).ToArray();
        // Step-wise definition, computed threshold by threshold from scratch.
        double expected = 0, prevRecall = 0;
        int positives = labels.Count(l => l);
        foreach (var t in scores.Distinct().OrderByDescending(s => s))
        {
            var above = Enumerable.Range(0, 300).Where(i => scores[i] >= t).ToArray();
            double tp = above.Count(i => labels[i]);
            expected += (tp / positives - prevRecall) * tp / above.Length;
            prevRecall = tp / positives;
        }
        AveragePrecision.Compute(scores, labels).ShouldBe(expected, 1e-12);
    }

    [Fact]
    public void Auroc_SklearnDocExample_Is0Point75() =>
        Auroc.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]).ShouldBe(0.75, 1e-12);

    [Fact]
    public void Auroc_AllTied_IsHalf() => Auroc.Compute([0.5, 0.5, 0.5], [true, false, false]).ShouldBe(0.5, 1e-12);

    [Fact]
    public void Auroc_RandomData_MatchesPairCounting()
    {
        var rng = new SplitMix64(11);
        var scores = Enumerable.Range(0, 200).Select(_ => rng.NextInt(10) / 10.0).ToArray();
        var labels = Enumerable.Range(0, 200).Select(_ => rng.NextInt(2) == 0).ToArray();
        double wins = 0, pairs = 0;
        for (int i = 0; i < 200; i++)
            for (int j = 0; j < 200; j++)
                if (labels[i] && !labels[j]) { pairs++; wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0; }
        Auroc.Compute(scores, labels).ShouldBe(wins / pairs, 1e-12);
    }

    [Fact]
    public void Auroc_OneClass_IsNaN() => double.IsNaN(Auroc.Compute([0.1, 0.2], [true, true])).ShouldBeTrue();
}
