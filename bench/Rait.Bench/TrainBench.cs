using TorchSharp;
using System.Diagnostics;
using System.Text.Json;
using Rait.Model;
using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Model.Modules;
using Rait.Pipeline.World;
using Rait.Training;
using Rait.Training.Data;
using Rait.World.Config;
using static TorchSharp.torch;

namespace Rait.Bench;

/// <summary>
/// Training throughput: tokens/s and MFU (model FLOPs / in-process matmul peak) for full fine-tuning
/// and LoRA on the world model and a ~100M-parameter Llama. FLOPs per token: 6N for full training,
/// 4N for LoRA (no weight gradients of the frozen base), plus attention.
/// With <c>--torch</c>, each config is also run in PyTorch eager (bench/pytorch/train_step.py, same shapes,
/// optimizer and LoRA placement) as a subprocess right after the Rait run, and a ratio table is printed;
/// <c>--python PATH</c> picks the interpreter that has torch (default python3); <c>--only TEXT</c> runs the
/// configs whose name contains TEXT.
/// </summary>
internal static class TrainBench
{
    public static int Run(string[] args)
    {
        bool torchRef = args.Contains("--torch");
        int at = Array.IndexOf(args, "--python");
        string python = at >= 0 && at + 1 < args.Length ? args[at + 1] : "python3"; // the interpreter that has torch
        int only = Array.IndexOf(args, "--only");
        string? filter = only >= 0 && only + 1 < args.Length ? args[only + 1] : null; // run the configs whose name contains this
        double peak32 = MatmulPeak.Gflops(ScalarType.Float32), peak16 = MatmulPeak.Gflops(ScalarType.BFloat16);
        Console.WriteLine($"matmul peak: fp32 {peak32:F0} GFLOP/s, bf16 {peak16:F0} GFLOP/s (threads {get_num_threads()})");
        var world = WorldModelShape.For(WorldSize.Default, 800, 128, 2);
        var m100 = BenchModels.Llama100M;
        var rows = new List<(string Name, double Rait, double? Torch)>();
        void Both(string name, LlamaConfig shape, TrainMode mode, bool bf16, int batch, int seq, int steps, double peak, string? torchConfig)
        {
            if (filter is not null && !name.Contains(filter, StringComparison.OrdinalIgnoreCase)) return;
            double rait = Measure(name, shape, mode, bf16, batch, seq, steps, peak);
            double? torch = torchRef && torchConfig is not null ? TorchStepsPerSecond(python, torchConfig, mode, steps) : null;
            if (torch is { } t) Console.WriteLine($"  Rait/PyTorch: {rait / t:F2}"); // per config too: a long run may be cut short
            rows.Add((name, rait, torch));
        }
        Both("world model, full", world, TrainMode.Full, false, 16, 128, 20, peak32, "world");
        Both("world model, LoRA r=8", world, TrainMode.Lora, false, 16, 128, 20, peak32, "world");
        Both("~100M Llama, full", m100, TrainMode.Full, false, 4, 256, 3, peak32, "m100");
        Both("~100M Llama, LoRA r=8", m100, TrainMode.Lora, false, 4, 256, 3, peak32, "m100");
        if (!torchRef) // no PyTorch counterpart, and minutes per step where bf16 matmul has no fast kernel
            Both("~100M Llama, LoRA r=8, bf16 base", m100, TrainMode.Lora, true, 4, 256, 3, peak16, null);
        if (torchRef) PrintComparison(rows);
        return 0;
    }

    private static void PrintComparison(List<(string Name, double Rait, double? Torch)> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"{"config",-36} {"Rait steps/s",12} {"PyTorch steps/s",15} {"Rait/PyTorch",12}");
        foreach (var (name, rait, torch) in rows)
            Console.WriteLine(torch is { } t
                ? $"{name,-36} {rait,12:F3} {t,15:F3} {rait / t,12:F2}"
                : $"{name,-36} {rait,12:F3} {"n/a",15} {"n/a",12}");
    }

    /// <summary>Runs the PyTorch eager reference for one config; steps/s, or null when python3/torch is unavailable.</summary>
    private static double? TorchStepsPerSecond(string python, string config, TrainMode mode, int steps)
    {
        var script = FindScript();
        if (script is null) { Console.WriteLine("  PyTorch: bench/pytorch/train_step.py not found above the working directory"); return null; }
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "--config", config, "--mode", mode == TrainMode.Lora ? "lora" : "full", "--steps", steps.ToString(), "--threads", get_num_threads().ToString() })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (p.ExitCode != 0 || line is null) { Console.WriteLine($"  PyTorch failed (exit {p.ExitCode}): {stderr.Result.Trim()}"); return null; }
        using var json = JsonDocument.Parse(line);
        double rate = json.RootElement.GetProperty("steps_per_s").GetDouble();
        Console.WriteLine($"  PyTorch {json.RootElement.GetProperty("torch").GetString()} eager: {rate,6:F2} steps/s  {json.RootElement.GetProperty("tokens_per_s").GetDouble(),8:F0} tok/s");
        return rate;
    }

    private static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "bench", "pytorch", "train_step.py")))
                    return Path.Combine(dir.FullName, "bench", "pytorch", "train_step.py");
        return null;
    }

    private static double Measure(string name, LlamaConfig shape, TrainMode mode, bool bf16, int batch, int seq, int steps, double peak)
    {
        var (model, trainable) = BenchModels.ForTraining(shape, mode, bf16);
        using var disposeModel = model;
        var rng = new Random(1);
        var data = Enumerable.Range(0, batch * (steps + 1)).Select(i =>
        {
            var ids = Enumerable.Range(0, seq).Select(_ => rng.Next(shape.VocabSize)).ToArray();
            return new TokenizedExample($"x{i}", ids, ids);
        }).ToList();
        var config = new TrainConfig { Mode = mode, Lora = BenchModels.Lora, Epochs = 1, BatchSize = batch, CheckpointEvery = 0, MaxLength = seq, LearningRate = 1e-4 };
        using var trainer = new Trainer(model, config, trainable, 0);
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        trainer.Run(data, null, progress: new Sync(p => { times.Add(clock.Elapsed.TotalSeconds); }));
        double perStep = (times[^1] - times[0]) / (times.Count - 1); // first step excluded (warm-up)
        double tokens = batch * seq / perStep;
        long n = shape.ParameterCount() - (long)shape.VocabSize * shape.HiddenSize; // non-embedding
        double flopsPerToken = (mode == TrainMode.Full ? 6 : 4) * (n + (long)shape.VocabSize * shape.HiddenSize) + 12L * shape.NumLayers * shape.HiddenSize * seq;
        double mfu = tokens * flopsPerToken / (peak * 1e9);
        Console.WriteLine($"{name,-36} {shape.ParameterCount() / 1e6,6:F2}M params  {1 / perStep,6:F2} steps/s  {tokens,8:F0} tok/s  MFU {mfu:P1}");
        return 1 / perStep;
    }

    private sealed class Sync(Action<TrainProgress> a) : IProgress<TrainProgress> { public void Report(TrainProgress v) => a(v); }
}
