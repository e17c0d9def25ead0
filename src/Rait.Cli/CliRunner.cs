using System.CommandLine;
using Rait.Core;

namespace Rait.Cli;

/// <summary>Runs the parsed command; user errors print one clear message and exit non-zero.</summary>
public static class CliRunner
{
    /// <summary>Exit code for bad input or a failed stage (argument errors use System.CommandLine's 1).</summary>
    public const int UserErrorExitCode = 2;

    // errno ENOSPC on Linux and macOS; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL as HRESULTs on Windows.
    private static readonly int[] DiskFullCodes = [28, unchecked((int)0x80070027), unchecked((int)0x80070070)];

    public static int Run(RootCommand root, string[] args, TextWriter? stderr = null)
    {
        stderr ??= Console.Error;
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (RaitException e)
        {
            return Fail(stderr, e.Message);
        }
        // File-system failures are the user's to fix (a full disk, a folder they may not write); .NET's message names the path.
        catch (UnauthorizedAccessException e)
        {
            return Fail(stderr, $"permission denied: {OneLine(e.Message)}");
        }
        catch (IOException e) when (DiskFullCodes.Contains(e.HResult))
        {
            return Fail(stderr, $"disk full: {OneLine(e.Message)} (free some space or write to another disk)");
        }
        catch (IOException e)
        {
            return Fail(stderr, OneLine(e.Message));
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return UserErrorExitCode;
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
