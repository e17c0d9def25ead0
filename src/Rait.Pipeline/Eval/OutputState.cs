using Rait.Core;
using Rait.Core.Io;

namespace Rait.Pipeline.Eval;

/// <summary>The finished splits of an eval output folder (metrics entries and their answers), kept in file order.</summary>
internal sealed class OutputState
{
    private readonly List<EvalSplitMetrics> _entries;
    private readonly Dictionary<string, IReadOnlyList<EvalAnswer>> _rows;

    private OutputState(List<EvalSplitMetrics> entries, Dictionary<string, IReadOnlyList<EvalAnswer>> rows)
    {
        _entries = entries;
        _rows = rows;
    }

    /// <summary>Reads what <paramref name="dir"/> already holds; answers of splits missing from metrics.json (an interrupted write) are dropped.</summary>
    /// <exception cref="RaitException">The folder holds results of another model, or malformed files.</exception>
    public static OutputState Open(string dir, string modelFingerprint)
    {
        var metrics = EvalMetricsFile.TryRead(dir);
        if (metrics is null) return new OutputState([], new(StringComparer.Ordinal));
        if (metrics.ModelFingerprint != modelFingerprint)
            throw new RaitException($"{Path.Combine(dir, EvalMetricsFile.FileName)}: holds results of model {metrics.Model} (fingerprint {metrics.ModelFingerprint}), " +
                $"this run evaluates fingerprint {modelFingerprint}; choose another --out folder.");
        var answersPath = Path.Combine(dir, EvalRunner.AnswersFile);
        var answers = File.Exists(answersPath) ? Jsonl.Read<EvalAnswer>(answersPath) : [];
        var rows = answers.GroupBy(a => a.Split, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EvalAnswer>)g.ToList(), StringComparer.Ordinal);
        var entries = metrics.Splits.Where(s => rows.ContainsKey(s.Split)).ToList();
        return new OutputState(entries, rows.Where(kv => entries.Any(e => e.Split == kv.Key)).ToDictionary(StringComparer.Ordinal));
    }

    /// <summary>The stored entry and answers of <paramref name="split"/>, or (null, empty).</summary>
    public (EvalSplitMetrics? Entry, IReadOnlyList<EvalAnswer> Rows) Get(string split)
    {
        var entry = _entries.FirstOrDefault(e => e.Split == split);
        return entry is null ? (null, []) : (entry, _rows[split]);
    }

    /// <summary>Replaces (in place) or appends a split.</summary>
    public void Put(EvalSplitMetrics entry, IReadOnlyList<EvalAnswer> rows)
    {
        int at = _entries.FindIndex(e => e.Split == entry.Split);
        if (at >= 0) _entries[at] = entry;
        else _entries.Add(entry);
        _rows[entry.Split] = rows;
    }

    /// <summary>Writes answers.jsonl, then metrics.json (the commit point), both atomically.</summary>
    public void Save(string dir, EvalMetricsFile header)
    {
        Jsonl.Write(Path.Combine(dir, EvalRunner.AnswersFile), _entries.SelectMany(e => _rows[e.Split]));
        (header with { Splits = _entries.ToList() }).Write(dir);
    }
}
