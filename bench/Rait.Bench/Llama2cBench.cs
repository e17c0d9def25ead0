using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Rait.Model.Checkpoints;
using Rait.Model.Generation;
using static TorchSharp.torch;

namespace Rait.Bench;

/// <summary>
/// stories260K (llama2.c format) through our engine against llama2.c's own run.c, in one run: greedy batch-1 tokens/s
/// (with the CPU row decoder, as generation runs by default, and with every step on libtorch),
/// aggregate tokens/s of 64 sampled rows, and the same model decoded by run.c (built here with gcc -Ofast -march=native
/// -fopenmp when gcc and the llama2.c sources are present; otherwise only our figures are printed).
/// </summary>
internal static partial class Llama2cBench
{
    private const int Steps = 256;

    public static void Run(string fixtureDir, string llama2cDir)
    {
        var model = Path.Combine(fixtureDir, "stories260K.bin");
        using var lm = Llama2cImporter.Load(model);
        var gen = new BatchGenerator(lm);
        // run.c -n 256 feeds positions 0..255 starting from BOS: 256 forwards, as our 1 prefill + 255 decode steps.
        var greedy = new SamplingOptions { Temperature = 0, MaxNewTokens = Steps, StopTokenIds = [-1] };
        gen.Generate([[1]], greedy with { MaxNewTokens = 8 });
        double ours1 = Best(3, () => gen.Generate([[1]], greedy)) is var t1 ? Steps / t1 : 0;
        // The same lone stream with every step on libtorch (the row decoder off): what per-call overhead costs.
        var torchGen = new BatchGenerator(lm, rowDecoder: false);
        torchGen.Generate([[1]], greedy with { MaxNewTokens = 8 });
        double torch1 = Steps / Best(3, () => torchGen.Generate([[1]], greedy));
        var sampled = new SamplingOptions { Temperature = 1.0, MaxNewTokens = Steps, StopTokenIds = [-1], Seed = 5 };
        var prompts = Enumerable.Repeat((IReadOnlyList<int>)[1], 64).ToList();
        double ours64 = 64.0 * Steps / Best(2, () => gen.Generate(prompts, sampled));
        Console.WriteLine($"stories260K, {Steps} tokens: ours batch 1 {ours1,8:F0} tok/s (libtorch path {torch1:F0}), batch 64 aggregate {ours64,8:F0} tok/s (threads {get_num_threads()})");
        var runc = RunC(model, Path.Combine(fixtureDir, "tok512.bin"), llama2cDir);
        if (runc is not { } c)
        {
            Console.WriteLine("run.c: not measured (needs gcc and llama2.c's run.c)");
            return;
        }
        Console.WriteLine($"run.c (gcc -Ofast -march=native -fopenmp), batch 1: {c,8:F0} tok/s");
        Console.WriteLine($"ratio to run.c: batch 1 {ours1 / c:F3}x (libtorch path {torch1 / c:F3}x), batch 64 aggregate {ours64 / c:F2}x");
    }

    private static double Best(int runs, Action run)
    {
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Builds run.c into a temp folder and returns its best "achieved tok/s" of 3 greedy runs, or null.</summary>
    private static double? RunC(string model, string tokenizer, string llama2cDir)
    {
        var source = Path.Combine(llama2cDir, "run.c");
        if (!File.Exists(source)) return null;
        var dir = Path.Combine(Path.GetTempPath(), "rait-bench-runc-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            var exe = Path.Combine(dir, "run");
            var (code, _, err) = Exec("gcc", ["-Ofast", "-march=native", "-fopenmp", "-o", exe, source, "-lm"]);
            if (code != 0)
            {
                Console.WriteLine($"run.c: gcc failed: {err.Trim()}");
                return null;
            }
            double best = 0;
            for (int i = 0; i < 3; i++)
            {
                var (rc, _, stderr) = Exec(exe, [model, "-z", tokenizer, "-t", "0", "-n", Steps.ToString(CultureInfo.InvariantCulture)]);
                var m = TokPerSecond().Match(stderr);
                if (rc != 0 || !m.Success) throw new InvalidOperationException($"run.c did not report tok/s (exit {rc}): {stderr}");
                best = Math.Max(best, double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            }
            return best;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no gcc on PATH
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Out, string Err) Exec(string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [GeneratedRegex(@"achieved tok/s: ([0-9.]+)")]
    private static partial Regex TokPerSecond();
}
