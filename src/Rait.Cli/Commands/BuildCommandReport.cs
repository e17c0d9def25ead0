using System.Globalization;
using Rait.Methods;

namespace Rait.Cli.Commands;

/// <summary>What <c>rait build</c> prints: where the set went, rows per reason, refusal share per exposure bucket.</summary>
internal static class BuildCommandReport
{
    public static void Print(BuildOutcome outcome, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = outcome.Result.Summary;
        o.WriteLine(string.Create(inv, $"{outcome.Result.Method}: {s.Rows} rows ({s.Refusals} refusals, weight sum {s.WeightSum:0.###}) written to {outcome.Directory}"));
        o.WriteLine(string.Create(inv, $"exported rows: {outcome.Manifest.ExportedRows}; files: {string.Join(", ", outcome.Manifest.Files)}"));
        o.WriteLine("rows per reason");
        foreach (var (reason, count) in s.ByReason) o.WriteLine(string.Create(inv, $"  {reason,-20} {count,6}"));
        if (s.ByExposure.Count == 0)
        {
            o.WriteLine("refusal share by exposure: no row carries meta.exposure");
            return;
        }
        o.WriteLine("refusal share by exposure (ground truth)");
        foreach (var b in s.ByExposure)
            o.WriteLine(string.Create(inv, $"  exposure {b.Bucket,-4} {b.Refusals,5} / {b.Rows,-5} = {b.RefusalShare * 100:0.0}%"));
    }
}
