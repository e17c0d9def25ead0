using System.Diagnostics;
using System.Globalization;
using Rait.Pipeline.World;
using Rait.World.Config;
using Rait.World.Store;

namespace Rait.Bench;

/// <summary>
/// Wall time of `rait world create` + `rait world pretrain` per size (no cache), with the knowledge
/// boundary the pretrained model shows. Usage: world [tiny|small|default|all] (default: tiny and default).
/// </summary>
internal static class WorldBench
{
    public static int Run(string[] args)
    {
        var which = args.Length > 0 ? args[0] : "tiny,default";
        var sizes = which == "all" ? [WorldSize.Tiny, WorldSize.Small, WorldSize.Default]
            : which.Split(',').Select(WorldConfig.ParseSize).ToArray();
        Console.WriteLine($"cores {Environment.ProcessorCount}; times are wall seconds of one run each");
        Console.WriteLine("size     | create | pretrain | total | tokens   | tok/s | known (K=3) | biography-only | never seen | chance");
        foreach (var size in sizes) Measure(size);
        return 0;
    }

    private static void Measure(WorldSize size)
    {
        var root = Path.Combine(Path.GetTempPath(), $"rait-world-bench-{Guid.NewGuid():N}");
        try
        {
            var clock = Stopwatch.StartNew();
            var world = WorldStore.Save(WorldBuilder.Build(WorldConfig.ForSize(size, 1)), Path.Combine(root, "world"));
            double create = clock.Elapsed.TotalSeconds;
            var report = new WorldPretrainer(new WorldPretrainOptions()).Run(world, Path.Combine(root, "model"));
            double total = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size.ToString().ToLowerInvariant(),-8} | {create,6:F1} | {total - create,8:F1} | {total,5:F0} | {report.Tokens,8:N0} | {report.Tokens / report.Seconds,5:F0} | {report.AccuracyKnown,11:P1} | {report.AccuracyKnownBiographyOnly,14:P1} | {report.AccuracyUnseen,10:P1} | {report.ChanceUnseen,6:P1}"));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
