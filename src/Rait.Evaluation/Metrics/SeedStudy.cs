using System.Text.Json.Serialization;

namespace Rait.Evaluation.Metrics;

/// <summary>The metric a paired comparison reads from each seed's result.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StudyMetric>))]
public enum StudyMetric { Ths, OverRefusal }

/// <summary>How an expected ordering fares: the 95% interval of every difference behind it lies on the expected side
/// (holds), some interval contains 0 and none is on the wrong side (not resolved), some lies on the wrong side (reversed).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderingVerdict>))]
public enum OrderingVerdict { Holds, NotResolved, Reversed, NeedsSeeds }

/// <summary>One method's THS and over-refusal on one split for one seed (the study's raw data).</summary>
public sealed record SeedScore(
    [property: JsonPropertyName("method")] string Method, [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("seed")] long Seed, [property: JsonPropertyName("ths")] double? Ths,
    [property: JsonPropertyName("over_refusal")] double? OverRefusal);

/// <summary>metric(<paramref name="A"/>) − metric(<paramref name="B"/>), paired by seed.</summary>
public sealed record StudyComparison(
    [property: JsonPropertyName("metric")] StudyMetric Metric, [property: JsonPropertyName("a")] string A, [property: JsonPropertyName("b")] string B)
{
    [JsonIgnore] public string Label => $"{(Metric == StudyMetric.Ths ? "THS" : "over-refusal")}({A}) − {(Metric == StudyMetric.Ths ? "THS" : "over-refusal")}({B})";
}

/// <summary>An ordering stated by the papers: every listed difference is expected above 0 (<see cref="ExpectPositive"/>) or below.</summary>
public sealed record PaperOrdering(
    [property: JsonPropertyName("statement")] string Statement, [property: JsonPropertyName("comparisons")] IReadOnlyList<StudyComparison> Comparisons,
    [property: JsonPropertyName("expect_positive")] bool ExpectPositive);

/// <summary>A paired difference on one split: the per-seed values and their mean with the 95% t interval.</summary>
public sealed record PairedDifference(
    [property: JsonPropertyName("comparison")] StudyComparison Comparison, [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("seeds")] IReadOnlyList<long> Seeds, [property: JsonPropertyName("values")] IReadOnlyList<double> Values,
    [property: JsonPropertyName("mean")] Estimate Mean);

/// <summary>The verdict of one paper ordering on one split.</summary>
public sealed record OrderingResult(
    [property: JsonPropertyName("statement")] string Statement, [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("verdict")] OrderingVerdict Verdict);

/// <summary>The multi-seed study: paired differences per split and the verdict on each paper ordering.</summary>
public sealed record StudyResult
{
    [JsonPropertyName("seeds")] public required int Seeds { get; init; }
    [JsonPropertyName("differences")] public required IReadOnlyList<PairedDifference> Differences { get; init; }
    [JsonPropertyName("orderings")] public required IReadOnlyList<OrderingResult> Orderings { get; init; }
}

/// <summary>
/// Paired comparison over seeds: for each comparison and split, d_s = metric_A(s) − metric_B(s) for every seed s both
/// methods have, then mean(d) ± t_{0.975, n−1}·sd(d)/√n. Pairing by seed removes what a seed does to every method alike
/// (the probe draw, the world's sampled questions), so the interval is about the methods' difference.
/// </summary>
public static class SeedStudy
{
    /// <summary>The orderings CRaFT and GRAIT report, for the given display names of the methods; with the ablations'
    /// names also CRaFT's ablation claims (the full method above w/o flow and above w/o certainty).</summary>
    public static IReadOnlyList<PaperOrdering> PaperOrderings(string van, string cor, string craft, string grait,
        string? withoutFlow = null, string? withoutCertainty = null)
    {
        var list = new List<PaperOrdering>
        {
            new($"{craft} ≥ {cor} (THS)", [new(StudyMetric.Ths, craft, cor)], ExpectPositive: true),
            new($"{grait} ≥ {craft} (THS)", [new(StudyMetric.Ths, grait, craft)], ExpectPositive: true),
            new($"{van} worst (THS below {cor}, {craft} and {grait})",
                [new(StudyMetric.Ths, cor, van), new(StudyMetric.Ths, craft, van), new(StudyMetric.Ths, grait, van)], ExpectPositive: true),
            new($"over-refusal of {craft} < {cor}", [new(StudyMetric.OverRefusal, craft, cor)], ExpectPositive: false),
        };
        if (withoutFlow is not null) list.Add(new($"{craft} ≥ {withoutFlow} (THS, ablation)", [new(StudyMetric.Ths, craft, withoutFlow)], ExpectPositive: true));
        if (withoutCertainty is not null)
            list.Add(new($"{craft} ≥ {withoutCertainty} (THS, ablation)", [new(StudyMetric.Ths, craft, withoutCertainty)], ExpectPositive: true));
        return list;
    }

    /// <summary>The study over <paramref name="scores"/>; comparisons whose methods are missing are left out, and an
    /// ordering with none of its comparisons present is omitted.</summary>
    public static StudyResult Compute(IReadOnlyList<SeedScore> scores, IReadOnlyList<PaperOrdering> orderings)
    {
        int seeds = scores.Select(s => s.Seed).Distinct().Count();
        var splits = scores.Select(s => s.Split).Distinct().ToList();
        var comparisons = orderings.SelectMany(o => o.Comparisons).Distinct().ToList();
        var differences = new List<PairedDifference>();
        foreach (var c in comparisons)
            foreach (var split in splits)
                if (Difference(scores, c, split) is { } d) differences.Add(d);
        var results = new List<OrderingResult>();
        foreach (var o in orderings)
            foreach (var split in splits)
            {
                var ds = o.Comparisons.Select(c => differences.FirstOrDefault(d => d.Comparison == c && d.Split == split)).ToList();
                if (ds.Any(d => d is null)) continue;
                results.Add(new OrderingResult(o.Statement, split, Verdict(ds.Select(d => d!.Mean).ToList(), o.ExpectPositive)));
            }
        return new StudyResult { Seeds = seeds, Differences = differences, Orderings = results };
    }

    /// <summary>Holds when every interval is strictly on the expected side of 0, reversed when any is strictly on the other side.</summary>
    public static OrderingVerdict Verdict(IReadOnlyList<Estimate> intervals, bool expectPositive)
    {
        if (intervals.Any(e => !double.IsFinite(e.Lower) || !double.IsFinite(e.Upper))) return OrderingVerdict.NeedsSeeds;
        bool Expected(Estimate e) => expectPositive ? e.Lower > 0 : e.Upper < 0;
        bool Opposite(Estimate e) => expectPositive ? e.Upper < 0 : e.Lower > 0;
        if (intervals.Any(Opposite)) return OrderingVerdict.Reversed;
        return intervals.All(Expected) ? OrderingVerdict.Holds : OrderingVerdict.NotResolved;
    }

    private static PairedDifference? Difference(IReadOnlyList<SeedScore> scores, StudyComparison c, string split)
    {
        double? Pick(SeedScore s) => c.Metric == StudyMetric.Ths ? s.Ths : s.OverRefusal;
        Dictionary<long, double> Of(string method) => scores
            .Where(s => s.Method == method && s.Split == split && Pick(s) is { } v && double.IsFinite(v))
            .ToDictionary(s => s.Seed, s => Pick(s)!.Value);
        var a = Of(c.A);
        var b = Of(c.B);
        var seeds = a.Keys.Intersect(b.Keys).Order().ToList();
        if (seeds.Count == 0) return null;
        var values = seeds.Select(s => a[s] - b[s]).ToList();
        return new PairedDifference(c, split, seeds, values, SeedInterval.Of(values));
    }
}
