using Rait.Core.Random;
using Rait.Core.Records;
using Rait.Methods.Options;

namespace Rait.Methods.Common;

/// <summary>Turns labelled rows into the final result: shuffle, stable row ids, summary counts.</summary>
internal static class ResultAssembler
{
    public static RaitBuildResult Assemble(string method, MethodOptions options, IEnumerable<LabelledRow> rows,
        IReadOnlyList<InputFingerprint> inputs, IReadOnlyDictionary<string, int> candidates, ShortfallLog? shortfalls = null)
    {
        var list = rows.ToList();
        if (options.ShuffleOutput) MethodRandom.ForPurpose(options.Seed, method + "/final-shuffle").Shuffle(list);
        var examples = list.Select((r, i) => new SftExample
        {
            Id = $"{method}-{i:D6}",
            System = options.Prompt.System,
            Prompt = r.Prompt,
            Answer = r.Answer,
            Weight = r.Weight,
            Method = method,
            Reason = r.Reason.Wire(),
            SourceId = r.Source.Id,
            Meta = r.Source.Meta,
        }).ToList();
        return new RaitBuildResult
        {
            Method = method,
            Options = options,
            Examples = examples,
            Inputs = inputs,
            Candidates = candidates,
            Summary = Summarize(list) with { Shortfalls = shortfalls?.Items ?? [] },
        };
    }

    private static BuildSummary Summarize(IReadOnlyList<LabelledRow> rows)
    {
        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rows) byReason[r.Reason.Wire()] = byReason.GetValueOrDefault(r.Reason.Wire()) + 1;
        var byExposure = rows.Where(r => r.Source.Meta.Exposure is not null)
            .GroupBy(r => r.Source.Meta.Exposure!.Value < 0 ? -1 : Array.FindLastIndex(BuildSummary.ExposureEdges, e => r.Source.Meta.Exposure!.Value >= e))
            .OrderBy(g => g.Key)
            .Select(g => new ExposureBucket(BuildSummary.BucketOf(g.First().Source.Meta.Exposure!.Value), g.Count(), g.Count(r => r.Reason.IsRefusal())))
            .ToList();
        return new BuildSummary
        {
            Rows = rows.Count,
            Refusals = rows.Count(r => r.Reason.IsRefusal()),
            WeightSum = rows.Sum(r => r.Weight),
            ByReason = byReason,
            ByExposure = byExposure,
        };
    }
}
