namespace Rait.Model.Llama;

/// <summary>
/// The llama3 RoPE frequency adjustment (HF modeling_rope_utils `_compute_llama3_parameters`).
/// Other scaling types are rejected when the config is read.
/// </summary>
public sealed record RopeScaling(double Factor, double LowFreqFactor, double HighFreqFactor, int OriginalMaxPositions);
