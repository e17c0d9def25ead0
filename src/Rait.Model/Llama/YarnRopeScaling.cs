using System.Text.Json.Nodes;

namespace Rait.Model.Llama;

/// <summary>
/// YaRN (Peng et al. 2023; rope_type "yarn", e.g. Qwen2.5's long-context setting): dimensions that turn fewer than
/// <see cref="BetaSlow"/> times over the original context are interpolated by <see cref="Factor"/>, those turning more
/// than <see cref="BetaFast"/> times are kept, with a linear ramp between; cos and sin are scaled by the attention factor.
/// </summary>
/// <param name="OriginalMaxPositions">The pretraining context; null = config.json's max_position_embeddings.</param>
/// <param name="GivenAttentionFactor">attention_factor when config.json sets it; otherwise it follows from the mscale fields.</param>
/// <param name="Truncate">Round the correction range outwards to whole dimensions (HF's default).</param>
/// <remarks><see cref="Factor"/> is used as written, as the paper and vLLM do. (Some transformers releases derive it
/// from max_position_embeddings / original_max_position_embeddings instead, which gives the same number for configs that
/// set max_position_embeddings to the scaled context and 1 for Qwen2.5's, where both are 32768.)</remarks>
public sealed record YarnRopeScaling(
    double Factor, int? OriginalMaxPositions = null, double BetaFast = 32, double BetaSlow = 1, double? GivenAttentionFactor = null,
    double? Mscale = null, double? MscaleAllDim = null, bool Truncate = true) : RopeScaling
{
    public override string Type => "yarn";


    public override double AttentionFactor => GivenAttentionFactor
        ?? (Mscale is { } m && m != 0 && MscaleAllDim is { } a && a != 0 ? ScaleOf(Factor, m) / ScaleOf(Factor, a) : ScaleOf(Factor, 1));

    private static double ScaleOf(double scale, double mscale) => scale <= 1 ? 1.0 : 0.1 * mscale * Math.Log(scale) + 1.0;

    /// <summary>The scaled context: factor × the original one (vLLM's rule), at least max_position_embeddings.</summary>
    public override int ContextLength(int maxPositions) =>
        (int)Math.Max(maxPositions, Math.Min(int.MaxValue, Math.Floor(Factor * (OriginalMaxPositions ?? maxPositions))));

    public override double[] Adjust(double[] inverseFrequencies, int headDim, double theta, int maxPositions)
    {
        int original = OriginalMaxPositions ?? maxPositions;
        // The dimension index at which a frequency makes `rotations` turns over the original context.
        double CorrectionDim(double rotations) => headDim * Math.Log(original / (rotations * 2 * Math.PI)) / (2 * Math.Log(theta));
        double low = CorrectionDim(BetaFast), high = CorrectionDim(BetaSlow);
        if (Truncate) (low, high) = (Math.Floor(low), Math.Ceiling(high));
        low = Math.Max(low, 0);
        high = Math.Min(high, headDim - 1);
        if (low == high) high += 0.001;
        var result = new double[inverseFrequencies.Length];
        for (int j = 0; j < result.Length; j++)
        {
            double ramp = Math.Clamp((j - low) / (high - low), 0, 1);
            double extrapolation = 1 - ramp; // share of the unscaled frequency
            double f = inverseFrequencies[j];
            result[j] = f / Factor * (1 - extrapolation) + f * extrapolation;
        }
        return result;
    }

    public override JsonObject ToJson()
    {
        var o = new JsonObject { ["rope_type"] = Type, ["factor"] = Factor };
        if (OriginalMaxPositions is { } om) o["original_max_position_embeddings"] = om;
        if (BetaFast != 32) o["beta_fast"] = BetaFast;
        if (BetaSlow != 1) o["beta_slow"] = BetaSlow;
        if (GivenAttentionFactor is { } af) o["attention_factor"] = af;
        if (Mscale is { } m) o["mscale"] = m;
        if (MscaleAllDim is { } ma) o["mscale_all_dim"] = ma;
        if (!Truncate) o["truncate"] = false;
        return o;
    }
}
