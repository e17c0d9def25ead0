namespace Rait.Bench;

/// <summary>Named benchmark suites; `dotnet run -c Release --project bench/Rait.Bench -- NAME`.</summary>
internal static class BenchCatalog
{
    private static readonly Dictionary<string, Func<string[], int>> Suites = new(StringComparer.Ordinal)
    {
        ["ServerBench"] = ServerBench.Run,
        ["train"] = TrainBench.Run,
        ["generate"] = GenerateBench.Run,
        ["demo"] = DemoBench.Run,
        ["probe"] = ProbeBench.Run,
        ["world"] = WorldBench.Run,
        ["packing"] = PackingBench.Run,
        ["gradients"] = GradientBench.Run,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Suites.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine("usage: Rait.Bench <suite> [args]; suites: " + string.Join(", ", Suites.Keys.Order()));
            return args.Length == 0 ? 0 : 2;
        }
        return suite(args[1..]);
    }
}
