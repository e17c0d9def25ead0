using System.CommandLine;
using Rait.Pipeline.Demo;
using Rait.World.Store;

namespace Rait.Cli.Commands;

/// <summary>`rait demo [--quick] [--seeds N] [--ablations]`: every method on the synthetic world, evaluated on ID and OOD, with the report.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "tiny world and small sets (about two minutes once the world is cached)" };
        var seeds = new Option<int>("--seeds") { Description = "repeat the stochastic stages with N seeds and aggregate", DefaultValueFactory = _ => 1 };
        var ablations = new Option<bool>("--ablations") { Description = "also run CRaFT's ablations: CorCer-RAIT (w/o flow) and CRaFT w/o certainty" };
        var outDir = new Option<string?>("--out") { Description = "run folder (default runs/demo or runs/demo-quick)" };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "world cache (default $RAIT_CACHE_DIR, $XDG_CACHE_HOME/rait or ~/.cache/rait)" };
        var cmd = new Command("demo", "Run Init-Basic, Init-Refuse, Van-Tuning, Cor-RAIT, R-Tuning, CRaFT and GRAIT on the synthetic world and write the report.")
        {
            quick, seeds, ablations, outDir, cacheDir,
        };
        cmd.SetAction((r, ct) =>
        {
            bool q = r.GetValue(quick);
            var root = WorldCache.ResolveRoot(r.GetValue(cacheDir), Environment.GetEnvironmentVariable);
            var (world, model) = DemoSetup.World(q, root, ProgressLine.ForTraining(), s => Console.Error.WriteLine($"[world] {s}"));
            var config = DemoSetup.Config(world, model, q, r.GetValue(seeds), r.GetValue(ablations));
            var report = RunCommand.Execute(config, r.GetValue(outDir) ?? Path.Combine("runs", config.Name + (config.Seeds > 1 ? $"-{config.Seeds}seeds" : "") + (r.GetValue(ablations) ? "-ablations" : "")), [], ct);
            Console.WriteLine($"report: {Path.Combine(report, "report.html")}");
            return Task.FromResult(0);
        });
        return cmd;
    }
}
