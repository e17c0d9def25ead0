using System.CommandLine;
using Rait.Core;
using Rait.Core.Io;
using Rait.Data;
using Rait.Data.Adapters;
using Rait.Data.Sampling;

namespace Rait.Cli.Commands;

/// <summary><c>rait data inspect|convert</c>: look at a dataset file and turn it into our QaItem / McItem JSONL.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Inspect dataset files and convert them to Rait JSONL (QaItem or McItem).");
        data.Subcommands.Add(CreateInspect());
        data.Subcommands.Add(CreateConvert());
        return data;
    }

    private static Command CreateInspect()
    {
        var inputs = new DataOptions();
        var command = new Command("inspect", "Print the detected format, item counts and the first records of a dataset.");
        inputs.AddTo(command);
        command.SetAction(p =>
        {
            var options = inputs.ToLoadOptions(p);
            var loaded = DatasetLoader.Load(p.GetRequiredValue(inputs.File), options);
            DataReportWriter.Inspect(p.InvocationConfiguration.Output, loaded, formatGiven: options.Format is not null || options.Mapping is not null);
            return 0;
        });
        return command;
    }

    private static Command CreateConvert()
    {
        var inputs = new DataOptions();
        var output = new Option<string>("--out") { Description = "Output JSONL file (QaItem or McItem records), written atomically.", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Keep at most N items (a seeded random sample when --seed is given, else the first N)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed for shuffling/sampling; without --limit the whole file is shuffled." };
        var command = new Command("convert", "Convert a dataset file to Rait JSONL.");
        inputs.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(limit);
        command.Options.Add(seed);
        command.SetAction(p =>
        {
            var loaded = DatasetLoader.Load(p.GetRequiredValue(inputs.File), inputs.ToLoadOptions(p));
            var items = Select(loaded.Items, p.GetValue(limit), p.GetValue(seed));
            var outPath = p.GetRequiredValue(output);
            var kind = Write(outPath, items);
            var w = p.InvocationConfiguration.Output;
            w.WriteLine($"wrote {items.Count} {kind} items ({DatasetFormats.Name(loaded.Format)}) to {outPath}");
            DataReportWriter.Skipped(w, loaded.Skipped);
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<DataItem> Select(IReadOnlyList<DataItem> items, int? limit, ulong? seed)
    {
        if (limit is < 0) throw new RaitException($"--limit must be >= 0, got {limit}.");
        return (limit, seed) switch
        {
            (null, null) => items,
            (null, { } s) => DatasetSplitter.Shuffle(items, s),
            ({ } n, null) => items.Take(n).ToList(),
            ({ } n, { } s) => DatasetSplitter.Sample(items, Math.Min(n, items.Count), s),
        };
    }

    private static string Write(string path, IReadOnlyList<DataItem> items)
    {
        var open = items.OfType<OpenItem>().Select(i => i.Item).ToList();
        var choice = items.OfType<ChoiceItem>().Select(i => i.Item).ToList();
        if (open.Count > 0 && choice.Count > 0)
            throw new RaitException($"{path}: the input mixes {open.Count} open and {choice.Count} multiple-choice items; convert them to separate files.");
        if (choice.Count > 0) { Jsonl.Write(path, choice); return "multiple-choice"; }
        Jsonl.Write(path, open);
        return "open";
    }
}
