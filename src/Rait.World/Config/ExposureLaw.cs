using System.Text.Json.Serialization;

namespace Rait.World.Config;

/// <summary>Long-tail law of the positive exposure counts 1..max.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExposureLaw>))]
public enum ExposureLaw
{
    /// <summary>P(k) ∝ (1 − p)^(k − 1), parameter p in (0, 1).</summary>
    [JsonStringEnumMemberName("geometric")] Geometric,
    /// <summary>P(k) ∝ k^(−s), parameter s &gt; 0.</summary>
    [JsonStringEnumMemberName("zipf")] Zipf,
}
