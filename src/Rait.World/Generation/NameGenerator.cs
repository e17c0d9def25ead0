using Rait.Core.Random;

namespace Rait.World.Generation;

/// <summary>
/// Makes unique person names from invented syllables. Last names are unique per person (the model can
/// tell people apart by one token); first names repeat, as in real populations.
/// </summary>
public static class NameGenerator
{
    private static readonly string[] Onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
        "br", "dr", "gr", "kr", "th", "sk", "vr", "zh", "qu"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ae", "ia", "y", "eo"];
    private static readonly string[] Codas = ["", "", "n", "r", "l", "th", "sk", "x", "v", "m", "sh"];

    /// <summary>Returns <paramref name="count"/> (first, last) pairs; no name equals a reserved word (case-insensitive).</summary>
    public static IReadOnlyList<(string First, string Last)> Generate(int count, WorldRandom rng, IReadOnlySet<string> reserved)
    {
        var used = new HashSet<string>(reserved, StringComparer.OrdinalIgnoreCase);
        int firstPool = Math.Max(8, count / 3);
        var firsts = new List<string>(firstPool);
        while (firsts.Count < firstPool) firsts.Add(Unique(rng, used, syllables: 2));
        var result = new List<(string, string)>(count);
        for (int i = 0; i < count; i++)
            result.Add((rng.Pick(firsts), Unique(rng, used, syllables: 2 + rng.NextInt(2))));
        return result;
    }

    private static string Unique(WorldRandom rng, HashSet<string> used, int syllables)
    {
        for (int attempt = 0; attempt < 10_000; attempt++)
        {
            var s = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllable(rng)));
            if (s.Length < 5 || s.Length > 11) continue;
            var name = char.ToUpperInvariant(s[0]) + s[1..];
            if (used.Add(name)) return name;
        }
        throw new InvalidOperationException("name space exhausted; too many people for the syllable inventory");
    }

    private static string Syllable(WorldRandom rng) => rng.Pick(Onsets) + rng.Pick(Vowels) + rng.Pick(Codas);
}
