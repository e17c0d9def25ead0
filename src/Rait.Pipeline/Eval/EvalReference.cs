using Rait.Core;
using Rait.Core.Io;

namespace Rait.Pipeline.Eval;

/// <summary>
/// A previous eval output folder used as the THS reference (Init-Basic) and as the source of base-known flags:
/// an item the reference answered correctly counts as known to the base model.
/// </summary>
public sealed class EvalReference
{
    private readonly string _answersPath;
    private readonly Dictionary<string, List<EvalAnswer>> _bySplit;

    private EvalReference(string dir, string answersPath, Dictionary<string, List<EvalAnswer>> bySplit)
    {
        Directory = dir;
        _answersPath = answersPath;
        _bySplit = bySplit;
    }

    public string Directory { get; }

    /// <summary>Opens <paramref name="dir"/>, which must hold metrics.json and answers.jsonl of a finished eval run.</summary>
    /// <exception cref="RaitException">Not an eval output folder, or a malformed file.</exception>
    public static EvalReference Open(string dir)
    {
        var metrics = EvalMetricsFile.TryRead(dir)
            ?? throw new RaitException($"{dir}: not an eval output folder (no {EvalMetricsFile.FileName}); --reference expects the --out folder of an earlier rait eval run.");
        var answers = Path.Combine(dir, EvalRunner.AnswersFile);
        var finished = metrics.Splits.Select(s => s.Split).ToHashSet(StringComparer.Ordinal);
        var bySplit = Jsonl.Read<EvalAnswer>(answers).Where(a => finished.Contains(a.Split))
            .GroupBy(a => a.Split, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return new EvalReference(dir, answers, bySplit);
    }

    /// <summary>The reference answers of <paramref name="split"/> in the order of <paramref name="ids"/>.</summary>
    /// <exception cref="RaitException">The reference lacks the split, or its item ids differ from the evaluated file's.</exception>
    public IReadOnlyList<EvalAnswer> Align(string split, IReadOnlyList<string> ids, string dataFile)
    {
        if (!_bySplit.TryGetValue(split, out var rows))
            throw new RaitException($"{_answersPath}: the reference has no finished split \"{split}\" (it has: {string.Join(", ", _bySplit.Keys.Order())}); evaluate the reference on {dataFile} with the same split name first.");
        var byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var missing = ids.Where(id => !byId.ContainsKey(id)).ToList();
        var extra = rows.Where(r => !wanted.Contains(r.Id)).Select(r => r.Id).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new RaitException($"{_answersPath}: split \"{split}\": the reference's item ids differ from {dataFile}: " +
                $"{missing.Count} missing from the reference{Sample(missing)}, {extra.Count} not in the data file{Sample(extra)}. THS and base-known flags need the same items.");
        return ids.Select(id => byId[id]).ToList();
    }

    /// <summary>Hash of the reference rows of a split (ids and outcomes), so a changed reference rescored the metrics.</summary>
    public static string Fingerprint(IReadOnlyList<EvalAnswer> aligned) =>
        EvalFingerprints.Hash(string.Join("\n", aligned.Select(a => $"{a.Id}\t{a.Outcome}\t{a.Subject}")));

    private static string Sample(List<string> ids) => ids.Count == 0 ? "" : $" (e.g. {string.Join(", ", ids.Take(3))})";
}
