namespace Rait.Pipeline.World;

/// <summary>Optimisation settings of world pretraining (the corpus plan — epochs, sequence length — comes from the world).</summary>
public sealed record WorldPretrainOptions
{
    public double LearningRate { get; init; } = 3e-3;
    public int BatchSize { get; init; } = 8;
    /// <summary>Decoupled AdamW weight decay; null = the world's plan.</summary>
    public double? WeightDecay { get; init; }
    public long Seed { get; init; } = 1;
    /// <summary>Accuracy by exposure is reported for facts seen at least this often (K).</summary>
    public int KnownExposure { get; init; } = 3;
    /// <summary>Samples per training question in the report's probe (the demo's probe uses the same).</summary>
    public int ProbeSamples { get; init; } = 10;
    /// <summary>Passes over the corpus; null = the world's plan.</summary>
    public int? Epochs { get; init; }
    /// <summary>auto, cpu, cuda or cuda:N. The weights are initialised on the CPU and then moved, so a seed gives the
    /// same starting model on every device.</summary>
    public string Device { get; init; } = Rait.Model.ComputeDevice.Auto;
}
