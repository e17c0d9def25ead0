using Rait.Core;
using Rait.Core.Random;
using Rait.Methods.Options;

namespace Rait.Methods.Common;

/// <summary>Seeded shuffling, random draws and size-limited selection with an explicit shortfall policy.</summary>
public static class Sampling
{
    /// <summary>A shuffled copy of <paramref name="items"/>.</summary>
    public static List<T> Shuffled<T>(IEnumerable<T> items, SplitMix64 rng)
    {
        var list = items.ToList();
        rng.Shuffle(list);
        return list;
    }

    /// <summary>
    /// The first <paramref name="n"/> items of <paramref name="ranked"/> (already in preference order).
    /// With fewer items, applies <paramref name="policy"/>; <paramref name="what"/> names the group in errors.
    /// A shortfall is recorded in <paramref name="log"/> under <paramref name="group"/> when both are given.
    /// </summary>
    /// <remarks>An empty group under <see cref="ShortfallPolicy.Resample"/> has nothing to resample from: it contributes no rows
    /// and the whole request is recorded as a shortfall (a model that knows none of the pool still gets its refusal set).</remarks>
    /// <exception cref="RaitException">Shortfall under <see cref="ShortfallPolicy.Error"/>.</exception>
    public static List<T> Take<T>(IReadOnlyList<T> ranked, int n, ShortfallPolicy policy, SplitMix64 rng, string what,
        ShortfallLog? log = null, string group = "")
    {
        if (ranked.Count >= n) return ranked.Take(n).ToList();
        switch (policy)
        {
            case ShortfallPolicy.Error:
                throw new RaitException($"{what}: {n} requested but only {ranked.Count} candidates qualify. " +
                    "Lower the size, or set on_shortfall to take_available or resample.");
            case ShortfallPolicy.TakeAvailable:
                log?.Record(group, n, ranked.Count, 0);
                return ranked.ToList();
            case ShortfallPolicy.Resample when ranked.Count == 0:
                log?.Record(group, n, 0, 0);
                return [];
            case ShortfallPolicy.Resample:
                var result = ranked.ToList();
                while (result.Count < n) result.Add(ranked[rng.NextInt(ranked.Count)]);
                log?.Record(group, n, ranked.Count, n - ranked.Count);
                return result;
            default:
                throw new ArgumentOutOfRangeException(nameof(policy), policy, null);
        }
    }

    /// <summary>
    /// <paramref name="n"/> random items: without replacement (shuffle, then <see cref="Take{T}"/>),
    /// or with replacement when <paramref name="withReplacement"/> is set (then only an empty group is a shortfall).
    /// </summary>
    public static List<T> Draw<T>(IReadOnlyList<T> candidates, int n, bool withReplacement, ShortfallPolicy policy, SplitMix64 rng, string what,
        ShortfallLog? log = null, string group = "")
    {
        if (!withReplacement) return Take(Shuffled(candidates, rng), n, policy, rng, what, log, group);
        if (candidates.Count == 0)
        {
            if (n == 0) return [];
            if (policy is ShortfallPolicy.TakeAvailable or ShortfallPolicy.Resample) { log?.Record(group, n, 0, 0); return []; }
            throw new RaitException($"{what}: {n} requested but no candidate qualifies.");
        }
        var result = new List<T>(n);
        for (int i = 0; i < n; i++) result.Add(candidates[rng.NextInt(candidates.Count)]);
        return result;
    }
}
