using System.CommandLine;
using Rait.Core;

namespace Rait.Cli;

/// <summary>Runs the parsed command; user errors print one clear message and exit non-zero.</summary>
public static class CliRunner
{
    /// <summary>Exit code for bad input or a failed stage (argument errors use System.CommandLine's 1).</summary>
    public const int UserErrorExitCode = 2;

    public static int Run(RootCommand root, string[] args, TextWriter? stderr = null)
    {
        stderr ??= Console.Error;
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (RaitException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return UserErrorExitCode;
        }
    }
}
