using System.CommandLine;

// Runs capture Console.Out (where System.CommandLine writes by default), which is process-wide.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Rait.Cli.Tests;

/// <summary>Runs the real CLI in-process: the full command catalog, argv in, exit code and both streams out.</summary>
internal static class CliHarness
{
    public sealed record CliRun(int ExitCode, string Stdout, string Stderr);

    public static CliRun Run(params string[] args)
    {
        var root = new RootCommand("rait (test)");
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var original = Console.Out;
        Console.SetOut(stdout);
        try
        {
            int code = CliRunner.Run(root, args, stderr);
            return new CliRun(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
