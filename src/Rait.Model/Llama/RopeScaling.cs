using System.Text.Json.Nodes;

namespace Rait.Model.Llama;

/// <summary>
/// A <c>rope_scaling</c> rule of config.json: how RoPE's inverse frequencies (and, for YaRN, the magnitude of cos/sin)
/// change so that a model reaches past the context it was pretrained on. One subclass per HF rope_type; the types
/// that are not implemented are refused when the config is read (HF modeling_rope_utils.py; interop.md §2.4).
/// </summary>
public abstract record RopeScaling
{
    /// <summary>The HF rope_type.</summary>
    public abstract string Type { get; }

    /// <summary>Applies the rule to the unscaled inverse frequencies θ^(−2j/d), j = 0..d/2−1.</summary>
    /// <param name="maxPositions">config.json's max_position_embeddings.</param>
    public abstract double[] Adjust(double[] inverseFrequencies, int headDim, double theta, int maxPositions);

    /// <summary>Factor on cos and sin (YaRN's attention temperature); 1 for the other types.</summary>
    public virtual double AttentionFactor => 1.0;

    /// <summary>The longest sequence the scaled model serves, given config.json's max_position_embeddings.</summary>
    public virtual int ContextLength(int maxPositions) => maxPositions;

    /// <summary>The rope_scaling object as config.json writes it.</summary>
    public abstract JsonObject ToJson();
}
