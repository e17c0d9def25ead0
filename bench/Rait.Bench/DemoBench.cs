using System.Diagnostics;
using Rait.Pipeline.Demo;
using Rait.Pipeline.Run;

namespace Rait.Bench;

/// <summary>
/// Wall time of `rait demo --quick` and `rait demo` (one seed), each on a fresh world cache and run
/// folder, so world generation and pretraining are included. Usage: demo [quick|default|both].
/// </summary>
internal static class DemoBench
{
    public static int Run(string[] args)
    {
        var which = args.Length > 0 ? args[0] : "both";
        if (which is "quick" or "both") Measure(quick: true);
        if (which is "default" or "both") Measure(quick: false);
        return 0;
    }

    private static void Measure(bool quick)
    {
        var root = Path.Combine(Path.GetTempPath(), $"rait-demo-bench-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        var (world, model) = DemoSetup.World(quick, Path.Combine(root, "cache"), null, _ => { });
        double pretrain = clock.Elapsed.TotalSeconds;
        var config = DemoSetup.Config(world, model, quick, seeds: 1);
        new RaitPipeline(config, new StageStore(Path.Combine(root, "run"), new HashSet<string>())).Run();
        double total = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"demo{(quick ? " --quick" : "")}: {total:F0} s wall (world + pretraining {pretrain:F0} s, pipeline {total - pretrain:F0} s)");
        Directory.Delete(root, recursive: true);
    }
}
