namespace Rait.Methods;

/// <summary>Everything a method reads: the probed pool and, per method, extra tables.</summary>
public sealed record RaitBuildInput
{
    /// <summary>Pool probed with the initial model (μ0, σ0).</summary>
    public required ProbeTable Pool { get; init; }
    /// <summary>CRaFT: the same pool re-probed after the rehearsal fine-tune (μ~).</summary>
    public ProbeTable? Rehearsed { get; init; }
    /// <summary>GRAIT: per-candidate gradient features.</summary>
    public GradientTable? Gradients { get; init; }
    /// <summary>Model fingerprint the pool must carry; null = only check that the file is consistent.</summary>
    public string? ExpectedModelFingerprint { get; init; }
    /// <summary>Prompt/data fingerprint the pool (and rehearsed table) must carry; null = only consistency.</summary>
    public string? ExpectedPromptFingerprint { get; init; }
}
