using Rait.Core.Io;
using Rait.Data;
using Rait.Data.Adapters;
using Rait.Data.Reading;

namespace Rait.Cli.Commands;

/// <summary>Prints what <c>data inspect</c> and <c>data convert</c> report: layout, counts, sample records, skipped rows.</summary>
internal static class DataReportWriter
{
    private const int MaxListedSkips = 50;
    private const int MaxListedSubjects = 12;

    public static void Inspect(TextWriter w, LoadedDataset d, bool formatGiven)
    {
        var s = DatasetSummary.Of(d.Items);
        w.WriteLine($"file:          {d.Path}");
        w.WriteLine($"container:     {Name(d.Container)}");
        w.WriteLine($"format:        {DatasetFormats.Name(d.Format)}{(formatGiven ? "" : " (detected)")}");
        w.WriteLine($"items:         {s.Total} (open {s.Open}, multiple choice {s.MultipleChoice})");
        w.WriteLine($"unanswerable:  {s.Unanswerable}");
        w.WriteLine($"with context:  {s.WithContext}");
        if (s.OptionCounts.Count > 0)
            w.WriteLine($"options:       {string.Join(", ", s.OptionCounts.Select(kv => $"{kv.Key} options: {kv.Value}"))}");
        w.WriteLine($"subjects:      {s.Subjects.Count}{SubjectList(s)}");
        Skipped(w, d.Skipped);
        w.WriteLine("first records:");
        foreach (var item in d.Items.Take(3)) w.WriteLine("  " + Serialize(item));
    }

    public static void Skipped(TextWriter w, IReadOnlyList<SkippedRow> skipped)
    {
        w.WriteLine($"skipped rows:  {skipped.Count}");
        foreach (var row in skipped.Take(MaxListedSkips)) w.WriteLine($"  {row}");
        if (skipped.Count > MaxListedSkips) w.WriteLine($"  ... and {skipped.Count - MaxListedSkips} more");
    }

    public static string Serialize(DataItem item) => item switch
    {
        OpenItem o => Jsonl.Serialize(o.Item),
        ChoiceItem c => Jsonl.Serialize(c.Item),
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    private static string SubjectList(DatasetSummary s)
    {
        if (s.Subjects.Count == 0) return "";
        var shown = string.Join(", ", s.Subjects.Take(MaxListedSubjects).Select(kv => $"{kv.Key}: {kv.Value}"));
        return $" ({shown}{(s.Subjects.Count > MaxListedSubjects ? ", ..." : "")})";
    }

    private static string Name(ContainerFormat c) => c switch
    {
        ContainerFormat.Jsonl => "jsonl",
        ContainerFormat.JsonArray => "json",
        ContainerFormat.Csv => "csv",
        ContainerFormat.Parquet => "parquet",
        _ => c.ToString(),
    };
}
