using Rait.Core;
using Rait.Core.Random;

namespace Rait.Data.Sampling;

/// <summary>Deterministic shuffling, splitting and sampling: the same items and seed always give the same result.</summary>
public static class DatasetSplitter
{
    /// <summary>Fisher–Yates shuffle driven by <see cref="SplitMix64"/>; the input is not modified.</summary>
    public static List<T> Shuffle<T>(IReadOnlyList<T> items, ulong seed)
    {
        var copy = items.ToList();
        new SplitMix64(seed).Shuffle(copy);
        return copy;
    }

    /// <summary>
    /// Shuffles, then cuts into consecutive parts of the given fractions (cumulative rounding, so sizes add up
    /// exactly when the fractions sum to 1; a smaller sum leaves the rest unused).
    /// </summary>
    /// <exception cref="RaitException">A fraction outside (0, 1] or a sum above 1.</exception>
    public static List<List<T>> Split<T>(IReadOnlyList<T> items, IReadOnlyList<double> fractions, ulong seed)
    {
        if (fractions.Count == 0 || fractions.Any(f => f is <= 0 or > 1 || double.IsNaN(f)))
            throw new RaitException($"split fractions must each be in (0, 1]; got {string.Join(", ", fractions)}.");
        double sum = fractions.Sum();
        if (sum > 1 + 1e-9) throw new RaitException($"split fractions sum to {sum}, more than 1.");
        var shuffled = Shuffle(items, seed);
        var parts = new List<List<T>>();
        double cumulative = 0;
        int start = 0;
        foreach (var f in fractions)
        {
            cumulative += f;
            int end = Math.Min(shuffled.Count, (int)Math.Round(Math.Min(cumulative, 1.0) * shuffled.Count, MidpointRounding.AwayFromZero));
            parts.Add(shuffled.GetRange(start, end - start));
            start = end;
        }
        return parts;
    }

    /// <summary>N distinct items chosen uniformly at random (the first N of the seeded shuffle).</summary>
    /// <exception cref="RaitException">N is negative or larger than the number of items.</exception>
    public static List<T> Sample<T>(IReadOnlyList<T> items, int n, ulong seed)
    {
        if (n < 0 || n > items.Count) throw new RaitException($"cannot sample {n} items from {items.Count}.");
        return Shuffle(items, seed).GetRange(0, n);
    }
}
