namespace Rait.Methods.Config;

/// <summary>
/// Input tables of a build. CLI flags (--probe, --rehearsed, --gradients) replace these values, so the
/// resolved config records the files that were actually read. Relative paths are relative to the
/// working directory.
/// </summary>
public sealed record BuildInputPaths
{
    /// <summary>Pool probed with the initial model (ProbeRecord JSONL).</summary>
    public string? Probe { get; init; }
    /// <summary>CRaFT: the same pool re-probed after the rehearsal fine-tune.</summary>
    public string? Rehearsed { get; init; }
    /// <summary>GRAIT: per-candidate gradient features (GradientFeature JSONL).</summary>
    public string? Gradients { get; init; }
    /// <summary>Model fingerprint the pool must carry; unset = only check the file is consistent.</summary>
    public string? ExpectedModelFingerprint { get; init; }
    /// <summary>Prompt/data fingerprint the pool must carry; unset = only check consistency.</summary>
    public string? ExpectedPromptFingerprint { get; init; }

    public IEnumerable<string> Validate(string path)
    {
        foreach (var (key, value) in new[] { ("probe", Probe), ("rehearsed", Rehearsed), ("gradients", Gradients),
                     ("expected_model_fingerprint", ExpectedModelFingerprint), ("expected_prompt_fingerprint", ExpectedPromptFingerprint) })
            if (value is not null && string.IsNullOrWhiteSpace(value)) yield return $"{path}.{key}: must not be empty when set.";
    }
}
