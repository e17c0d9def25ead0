using Rait.Core.Random;
using Rait.World.Config;

namespace Rait.World.Generation;

/// <summary>
/// Turns the configured exposure distribution into exact counts (largest remainder) and deals them out
/// to facts in random order, so the histogram matches the configuration by construction.
/// </summary>
public static class ExposureAllocator
{
    /// <summary>How many of <paramref name="facts"/> facts get each exposure 0..Max.</summary>
    public static int[] TargetCounts(ExposureOptions options, int facts)
    {
        var counts = new int[options.Max + 1];
        int zeros = (int)Math.Round(options.ZeroShare * facts, MidpointRounding.AwayFromZero);
        counts[0] = zeros;
        var positive = LargestRemainder(options.PositiveProbabilities(), facts - zeros);
        for (int k = 1; k <= options.Max; k++) counts[k] = positive[k - 1];
        return counts;
    }

    /// <summary>Exposure per fact, shuffled; <paramref name="owner"/>[i] is the person index of fact i.
    /// Afterwards every owner has at least one positive exposure when the totals allow it.</summary>
    public static int[] Allocate(ExposureOptions options, IReadOnlyList<int> owner, WorldRandom rng)
    {
        var counts = TargetCounts(options, owner.Count);
        var exposures = new int[owner.Count];
        int i = 0;
        for (int k = 0; k < counts.Length; k++)
            for (int c = 0; c < counts[k]; c++) exposures[i++] = k;
        rng.Shuffle(exposures);
        EnsureEveryOwnerAppears(exposures, owner);
        return exposures;
    }

    private static int[] LargestRemainder(double[] probabilities, int total)
    {
        var result = new int[probabilities.Length];
        var remainders = new (double Frac, int Index)[probabilities.Length];
        int assigned = 0;
        for (int j = 0; j < probabilities.Length; j++)
        {
            var exact = probabilities[j] * total;
            result[j] = (int)Math.Floor(exact);
            assigned += result[j];
            remainders[j] = (exact - result[j], j);
        }
        // Ties go to the smaller exposure so the result never depends on sort stability.
        var order = remainders.OrderByDescending(r => r.Frac).ThenBy(r => r.Index).ToArray();
        for (int j = 0; assigned < total; j++, assigned++) result[order[j % order.Length].Index]++;
        return result;
    }

    // An "appearing" person whose facts all drew 0 would silently never appear; swap one exposure in
    // from a person with two or more positive facts. Swaps keep the histogram unchanged.
    private static void EnsureEveryOwnerAppears(int[] exposures, IReadOnlyList<int> owner)
    {
        var positives = new Dictionary<int, int>();
        for (int i = 0; i < exposures.Length; i++)
        {
            positives.TryAdd(owner[i], 0);
            if (exposures[i] > 0) positives[owner[i]]++;
        }
        for (int i = 0; i < exposures.Length; i++)
        {
            if (positives[owner[i]] > 0) continue;
            for (int d = 0; d < exposures.Length; d++)
            {
                if (exposures[d] == 0 || positives[owner[d]] < 2) continue;
                (exposures[i], exposures[d]) = (exposures[d], exposures[i]);
                positives[owner[d]]--;
                positives[owner[i]]++;
                break;
            }
        }
    }
}
