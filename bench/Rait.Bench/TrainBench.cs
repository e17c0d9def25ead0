using TorchSharp;
using System.Diagnostics;
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
/// </summary>
internal static class TrainBench
{
    public static int Run(string[] args)
    {
        double peak32 = MatmulPeak.Gflops(ScalarType.Float32), peak16 = MatmulPeak.Gflops(ScalarType.BFloat16);
        Console.WriteLine($"matmul peak: fp32 {peak32:F0} GFLOP/s, bf16 {peak16:F0} GFLOP/s (threads {get_num_threads()})");
        var world = WorldModelShape.For(WorldSize.Default, 800, 128, 2);
        var m100 = new LlamaConfig { HiddenSize = 768, IntermediateSize = 2048, NumLayers = 12, NumHeads = 12, NumKvHeads = 4, VocabSize = 32000, MaxPositions = 512, TieWordEmbeddings = true }.Normalized();
        Measure("world model, full", world, TrainMode.Full, false, 16, 128, 20, peak32);
        Measure("world model, LoRA r=8", world, TrainMode.Lora, false, 16, 128, 20, peak32);
        Measure("~100M Llama, full", m100, TrainMode.Full, false, 4, 256, 3, peak32);
        Measure("~100M Llama, LoRA r=8", m100, TrainMode.Lora, false, 4, 256, 3, peak32);
        Measure("~100M Llama, LoRA r=8, bf16 base", m100, TrainMode.Lora, true, 4, 256, 3, peak16);
        return 0;
    }

    private static void Measure(string name, LlamaConfig shape, TrainMode mode, bool bf16, int batch, int seq, int steps, double peak)
    {
        var lora = new LoraOptions { Rank = 8, Alpha = 16, Dropout = 0 };
        manual_seed(1);
        using var model = new LlamaForCausalLM(shape, mode == TrainMode.Lora ? LoraInjector.Factory(lora) : Linears.Plain);
        if (bf16) { model.to(ScalarType.BFloat16); LoraInjector.AdaptersToFloat32(model); }
        if (mode == TrainMode.Lora) LoraInjector.FreezeBase(model);
        var trainable = mode == TrainMode.Lora ? LoraInjector.AdapterParameters(model) : model.named_parameters().Select(p => (p.name, p.parameter)).ToList();
        var rng = new Random(1);
        var data = Enumerable.Range(0, batch * (steps + 1)).Select(i =>
        {
            var ids = Enumerable.Range(0, seq).Select(_ => rng.Next(shape.VocabSize)).ToArray();
            return new TokenizedExample($"x{i}", ids, ids);
        }).ToList();
        var config = new TrainConfig { Mode = mode, Lora = lora, Epochs = 1, BatchSize = batch, CheckpointEvery = 0, MaxLength = seq, LearningRate = 1e-4 };
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
    }

    private sealed class Sync(Action<TrainProgress> a) : IProgress<TrainProgress> { public void Report(TrainProgress v) => a(v); }
}
