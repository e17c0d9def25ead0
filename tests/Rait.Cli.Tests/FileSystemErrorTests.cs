using System.CommandLine;
using System.Diagnostics;
using Rait.Tests;

namespace Rait.Cli.Tests;

/// <summary>File-system failures (permission denied, disk full, a file where a folder should be) reach the user as one line naming the path.</summary>
public sealed class FileSystemErrorTests
{
    private const string NqLine = """{"question": "who wrote hamlet", "answer": ["Shakespeare"]}""";
    private const int NobodyId = 65534;

    /// <summary>The effective uid, from the second field of the "Uid:" line of /proc/self/status.</summary>
    private static int EffectiveUid() =>
        int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Convert_IntoReadOnlyFolder_PrintsOneLineNamingTheFolder_AndWritesNothing()
    {
        // Given a dataset and a folder nobody may write into (the input world-readable, for the unprivileged child below)
        var dir = RepoPaths.NewTempDir();
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        var data = Path.Combine(dir, "nq.jsonl");
        File.WriteAllText(data, NqLine + "\n");
        File.SetUnixFileMode(data, (UnixFileMode)0b110_100_100);
        var readOnly = Path.Combine(dir, "read-only");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, (UnixFileMode)0b101_101_101);
        var outFile = Path.Combine(readOnly, "out.jsonl");

        // When the real rait executable converts into it
        var run = RunRaitProcess("data", "convert", data, "--out", outFile);

        // Then it stops with exit code 2 and one line (no stack trace) that names the folder
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        run.ExitCode.ShouldBe(CliRunner.UserErrorExitCode, run.Stderr);
        lines.Length.ShouldBe(1, run.Stderr);
        lines[0].ShouldStartWith("error: permission denied: ");
        lines[0].ShouldContain(readOnly + "/");
        Directory.EnumerateFileSystemEntries(readOnly).ShouldBeEmpty();
    }

    [Fact]
    public void Convert_OutUnderAFile_PrintsOneLineNamingTheFile()
    {
        var dir = RepoPaths.NewTempDir();
        var data = Path.Combine(dir, "nq.jsonl");
        File.WriteAllText(data, NqLine + "\n");
        var notADir = Path.Combine(dir, "notes.txt");
        File.WriteAllText(notADir, "a file, not a folder");

        var run = CliHarness.Run("data", "convert", data, "--out", Path.Combine(notADir, "out.jsonl"));

        run.ExitCode.ShouldBe(CliRunner.UserErrorExitCode);
        run.Stderr.TrimEnd().Split('\n').ShouldHaveSingleItem().ShouldStartWith("error: ");
        run.Stderr.ShouldContain($"'{notADir}'");
        File.ReadAllText(notADir).ShouldBe("a file, not a folder");
    }

    [Fact]
    public void Run_DiskFull_PrintsOneLineWithTheFileAndWhatToDo()
    {
        // A full disk raises IOException with errno ENOSPC (28) and .NET's message naming the file.
        var run = RunThrowing(new IOException("No space left on device : '/data/out.jsonl'", 28));

        run.ExitCode.ShouldBe(CliRunner.UserErrorExitCode);
        run.Stderr.ShouldBe("error: disk full: No space left on device : '/data/out.jsonl' (free some space or write to another disk)" + Environment.NewLine);
    }

    [Fact]
    public void Run_MultiLineIoMessage_IsPrintedOnOneLine()
    {
        var run = RunThrowing(new IOException("Input/output error\n  : '/data/model.safetensors'", 5));

        run.Stderr.ShouldBe("error: Input/output error : '/data/model.safetensors'" + Environment.NewLine);
    }

    [Fact]
    public void Run_ProgrammingError_IsNotDisguisedAsAUserError()
    {
        // A bug must keep its exception and stack trace; only user-fixable failures become one line.
        Should.Throw<InvalidOperationException>(() => RunThrowing(new InvalidOperationException("bug")));
    }

    private static CliHarness.CliRun RunThrowing(Exception e)
    {
        var root = new RootCommand("rait (test)");
        var command = new Command("fail");
        Func<ParseResult, int> action = _ => throw e;
        command.SetAction(action);
        root.Subcommands.Add(command);
        var stderr = new StringWriter();
        int code = CliRunner.Run(root, ["fail"], stderr);
        return new CliHarness.CliRun(code, "", stderr.ToString());
    }

    /// <summary>
    /// Runs the built rait executable as a child process. Root writes into a read-only folder anyway, so under root
    /// the child drops to the unprivileged uid/gid 65534 with setpriv (util-linux); the check then means what it says.
    /// </summary>
    private static CliHarness.CliRun RunRaitProcess(params string[] args)
    {
        var rait = Path.Combine(AppContext.BaseDirectory, "rait.dll");
        File.Exists(rait).ShouldBeTrue($"{rait} is missing: the test project must reference src/Rait.Cli.");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string[] argv = [dotnet, rait, .. args];
        if (EffectiveUid() == 0)
        {
            var setpriv = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);
            setpriv.ShouldNotBeNull("the tests run as root, where a read-only folder stays writable; this test needs setpriv (Debian package util-linux) to run rait as uid 65534.");
            argv = [setpriv, $"--reuid={NobodyId}", $"--regid={NobodyId}", "--clear-groups", "--", .. argv];
        }
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        // The unprivileged user may not be able to read this user's home (NuGet cache, dotnet first-run files).
        psi.Environment["HOME"] = Path.GetTempPath();
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliHarness.CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
