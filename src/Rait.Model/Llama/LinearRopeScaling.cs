using System.Text.Json.Nodes;

namespace Rait.Model.Llama;

/// <summary>Position interpolation: every frequency divided by <see cref="Factor"/> (rope_type "linear").</summary>
public sealed record LinearRopeScaling(double Factor) : RopeScaling
{
    public override string Type => "linear";

    public override double[] Adjust(double[] inverseFrequencies, int headDim, double theta, int maxPositions) =>
        inverseFrequencies.Select(f => f / Factor).ToArray();

    public override JsonObject ToJson() => new() { ["rope_type"] = Type, ["factor"] = Factor };
}
