using System.Text.Json.Nodes;

namespace Rait.Model.Llama;

/// <summary>Llama 3.1's rule (rope_type "llama3"): long wavelengths are divided by <see cref="Factor"/>, short ones
/// kept, and the band between blended smoothly.</summary>
public sealed record Llama3RopeScaling(double Factor, double LowFreqFactor, double HighFreqFactor, int OriginalMaxPositions) : RopeScaling
{
    public override string Type => "llama3";

    public override double[] Adjust(double[] inverseFrequencies, int headDim, double theta, int maxPositions)
    {
        double lowWavelen = OriginalMaxPositions / LowFreqFactor;
        double highWavelen = OriginalMaxPositions / HighFreqFactor;
        return inverseFrequencies.Select(f =>
        {
            double wavelen = 2 * Math.PI / f;
            if (wavelen < highWavelen) return f;
            if (wavelen > lowWavelen) return f / Factor;
            double t = (OriginalMaxPositions / wavelen - LowFreqFactor) / (HighFreqFactor - LowFreqFactor);
            return (1 - t) * f / Factor + t * f;
        }).ToArray();
    }

    public override JsonObject ToJson() => new()
    {
        ["rope_type"] = Type, ["factor"] = Factor, ["low_freq_factor"] = LowFreqFactor,
        ["high_freq_factor"] = HighFreqFactor, ["original_max_position_embeddings"] = OriginalMaxPositions,
    };
}
