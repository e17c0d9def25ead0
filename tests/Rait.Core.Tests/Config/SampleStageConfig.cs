using Rait.Core.Config;

namespace Rait.Core.Tests.Config;

/// <summary>A small stage config used to exercise the loader: scalars, a nested record, a list and an enum.</summary>
public sealed record SampleStageConfig : IValidatable
{
    public string Name { get; init; } = "run";
    public int Seed { get; init; } = 0;
    public double LearningRate { get; init; } = 1e-4;
    public SampleMode Mode { get; init; } = SampleMode.Fast;
    public SampleLora Lora { get; init; } = new();
    public IReadOnlyList<string> Targets { get; init; } = ["q_proj"];
    public string? OutDir { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LearningRate <= 0) errors.Add($"learning_rate: must be > 0, got {LearningRate}");
        if (Lora.Rank <= 0) errors.Add($"lora.rank: must be > 0, got {Lora.Rank}");
        if (Lora.Alpha <= 0) errors.Add($"lora.alpha: must be > 0, got {Lora.Alpha}");
        return errors;
    }
}

public sealed record SampleLora
{
    public int Rank { get; init; } = 8;
    public double Alpha { get; init; } = 16;
}

public enum SampleMode { Fast, ExactMatch }
