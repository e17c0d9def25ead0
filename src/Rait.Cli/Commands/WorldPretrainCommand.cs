using System.CommandLine;
using System.Globalization;
using Rait.Pipeline.World;
using Rait.World.Store;

namespace Rait.Cli.Commands;

/// <summary>`rait world pretrain --world DIR --out MODELDIR`: pretrains the world's Llama and prints the knowledge boundary.</summary>
internal static class WorldPretrainCommand
{
    public static Command Create()
    {
        var worldOption = new Option<string>("--world") { Description = "World folder written by `rait world create`.", Required = true };
        var outOption = new Option<string>("--out") { Description = "Model folder to write (a standard Hugging Face folder).", Required = true };
        var lrOption = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => new WorldPretrainOptions().LearningRate };
        var seedOption = new Option<long>("--seed") { Description = "Initialisation and data-order seed.", DefaultValueFactory = _ => 1 };
        var epochsOption = new Option<int?>("--epochs") { Description = "Passes over the corpus (default: the world's plan)." };
        var batchOption = new Option<int>("--batch-size") { Description = "Sequences per step.", DefaultValueFactory = _ => new WorldPretrainOptions().BatchSize };
        var decayOption = new Option<double?>("--weight-decay") { Description = "AdamW weight decay (default: the world's plan)." };
        var deviceOption = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => Rait.Model.ComputeDevice.Auto };
        var command = new Command("pretrain", "Pretrain a small Llama on the world's corpus and measure accuracy by exposure.")
        {
            worldOption, outOption, lrOption, seedOption, epochsOption, batchOption, decayOption, deviceOption,
        };
        command.SetAction(parse =>
        {
            var world = WorldStore.Load(parse.GetValue(worldOption)!);
            var options = new WorldPretrainOptions
            {
                LearningRate = parse.GetValue(lrOption), Seed = parse.GetValue(seedOption),
                Epochs = parse.GetValue(epochsOption), BatchSize = parse.GetValue(batchOption), WeightDecay = parse.GetValue(decayOption),
                Device = parse.GetValue(deviceOption)!,
            };
            var report = new WorldPretrainer(options).Run(world, parse.GetValue(outOption)!, ProgressLine.ForTraining());
            Print(report, parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    public static void Print(WorldPretrainReport r, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"pretrained {r.Parameters:N0} parameters on {r.Tokens:N0} tokens in {r.Steps} steps, {r.Seconds:F1} s, final loss {r.FinalLoss:F3}"));
        o.WriteLine("greedy accuracy by exposure (held-out id_test questions | train-split questions)");
        for (int i = 0; i < r.IdTest.Count; i++)
            o.WriteLine(string.Create(inv, $"  exposure {r.IdTest[i].Bucket,-4} {r.IdTest[i].Accuracy,6:P0} of {r.IdTest[i].Questions,4}   | {r.Train[i].Accuracy,6:P0} of {r.Train[i].Questions,4}"));
        var p = r.Probe;
        o.WriteLine(string.Create(inv, $"sampled probe of the train split ({p.Samples} samples, T = 1): mean μ by exposure"));
        foreach (var b in p.ByExposure)
            o.WriteLine(string.Create(inv, $"  exposure {b.Bucket,-4} μ {b.MeanMu,5:F2}, partially known {b.PartialShare,5:P0} of {b.Questions,4}"));
        o.WriteLine(string.Create(inv, $"partially known (0.1 <= μ <= 0.9): {p.Histogram.PartialShare:P1} of {p.Questions} questions ({p.PartialShareSeen:P1} of those on facts seen at least once)"));
        o.WriteLine(string.Create(inv, $"facts stated with a rival value: {p.Conflicting.Questions} questions, greedy {p.Conflicting.GreedyAccuracy:P0}, mean μ {p.Conflicting.MeanMu:F2}"));
        o.WriteLine("μ histogram (tenths): " + string.Join(" ", p.Histogram.MuCounts) + "; σ histogram: " + string.Join(" ", p.Histogram.SigmaCounts));
        o.WriteLine(string.Create(inv, $"known (exposure >= {r.KnownExposure}): {r.AccuracyKnown:P1} (facts seen only in biographies: {r.AccuracyKnownBiographyOnly:P1}); never seen: {r.AccuracyUnseen:P1} (chance {r.ChanceUnseen:P1})"));
    }
}
