using Rait.Model.Lora;
using Rait.Pipeline.Run;
using Rait.Pipeline.World;
using Rait.Training;
using Rait.World.Config;
using Rait.World.Qa;
using Rait.World.Store;

namespace Rait.Pipeline.Demo;

/// <summary>
/// `rait demo`: the synthetic world (generated and pretrained once, then cached by its config hash)
/// and a run config sized for it. The demo runs on the default world (about four minutes of pretraining on
/// two cores, once; its model answers facts seen in biographies only, so the boundary is about exposure,
/// not about the QA format); --quick (the end-to-end test) runs on the tiny world with fewer probe samples.
/// </summary>
public static class DemoSetup
{
    /// <summary>The cached world with its pretrained model, creating either when missing.</summary>
    public static (LoadedWorld World, string ModelDir) World(bool quick, string cacheRoot, IProgress<TrainProgress>? progress, Action<string> say)
    {
        var config = WorldConfig.ForSize(quick ? WorldSize.Tiny : WorldSize.Default, 1);
        var world = new WorldCache(cacheRoot).GetOrCreate(config);
        var modelDir = Path.Combine(world.Directory, "model");
        if (!File.Exists(Path.Combine(modelDir, WorldPretrainer.ReportFile)))
        {
            say($"pretraining the {config.Size.ToString().ToLowerInvariant()} world's model (cached afterwards in {modelDir})");
            var report = new WorldPretrainer(new WorldPretrainOptions()).Run(world, modelDir, progress);
            say($"known facts (exposure >= {report.KnownExposure}): {report.AccuracyKnown:P0} greedy accuracy; never seen: {report.AccuracyUnseen:P0}");
        }
        else say($"using the cached world model in {modelDir}");
        return (world, modelDir);
    }

    public static RunConfig Config(LoadedWorld world, string modelDir, bool quick, int seeds, bool ablations = false) => new()
    {
        Name = quick ? "demo-quick" : "demo",
        Methods = MethodSetup.Demo(ablations),
        Model = modelDir,
        Train = world.PathOf(WorldFileNames.Open(WorldSplits.Train)),
        Eval =
        [
            new EvalSet { Name = "ID", Path = world.PathOf(WorldFileNames.Open(WorldSplits.IdTest)) },
            new EvalSet { Name = "OOD", Path = world.PathOf(WorldFileNames.Open(WorldSplits.OodTest)) },
        ],
        ProbeSamples = quick ? 5 : 10,
        ProbeMaxNewTokens = 8,
        EvalMaxNewTokens = 8,
        SetSize = quick ? 80 : 400,
        RehearsalSize = quick ? 24 : 100,
        BootstrapReplicates = quick ? 200 : 1000,
        Seeds = seeds,
        Training = new TrainConfig
        {
            Mode = TrainMode.Lora, Lora = new LoraOptions { Rank = 16, Alpha = 32, Dropout = 0.05 }, Epochs = quick ? 12 : 4,
            BatchSize = 8, LearningRate = 3e-3, WarmupRatio = 0.05, MaxLength = 96, CheckpointEvery = 25,
        },
    };
}
