using System.CommandLine;
using Rait.Core;
using Rait.Training;
using Rait.Core.Config;
using Rait.Pipeline.Run;

namespace Rait.Cli.Commands;

/// <summary>`rait run CONFIG.toml [--out DIR] [--from STAGE]`: the whole pipeline from a config file.</summary>
internal static class RunCommand
{
    public static readonly string[] Stages = ["probe", "rehearsal", "gradients", "build", "train", "eval"];

    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "run config (TOML or JSON); see configs/run/" };
        var outDir = new Option<string?>("--out") { Description = "run folder (default runs/<name>)" };
        var from = new Option<string[]>("--from") { Description = $"force these stages (and what follows from them) to rerun: {string.Join(", ", Stages)}" };
        var set = new Option<string[]>("--set") { Description = "override a config key: key=value (repeatable)" };
        var cmd = new Command("run", "Run probe → build → train → eval → report with content-hashed, resumable stages.") { config, outDir, from, set };
        cmd.SetAction((r, ct) =>
        {
            var c = ConfigLoader.Load<RunConfig>(r.GetValue(config)!, r.GetValue(set) ?? []);
            var dir = r.GetValue(outDir) ?? Path.Combine("runs", c.Name);
            var report = Execute(c, dir, r.GetValue(from) ?? [], ct);
            Console.WriteLine($"report: {Path.Combine(report, "report.html")}");
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static string Execute(RunConfig c, string dir, IReadOnlyList<string> from, CancellationToken ct)
    {
        foreach (var s in from.Where(s => !Stages.Contains(s)))
            throw new RaitException($"--from: unknown stage \"{s}\"; allowed: {string.Join(", ", Stages)}.");
        if (c.Training.Bf16Base && Bf16Advice.Check() is { } warning) Console.Error.WriteLine("warning: " + warning);
        var store = new StageStore(dir, from.ToHashSet());
        var reportDir = new RaitPipeline(c, store, new SyncProgress<PipelineEvent>(e => Console.Error.WriteLine($"[{e.Stage}] {e.Message}"))).Run(ct);
        PrintTable(Path.Combine(reportDir, "report.md"));
        return reportDir;
    }

    private static void PrintTable(string markdown)
    {
        if (File.Exists(markdown))
            // The whole Markdown report: its headings and notes (e.g. the study's verdicts) say what each table is.
            foreach (var line in File.ReadLines(markdown)) Console.WriteLine(line);
    }
}

/// <summary>IProgress that reports on the calling thread, in order.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
