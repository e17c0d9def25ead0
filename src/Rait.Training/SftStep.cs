using Rait.Model.Llama;
using Rait.Training.Data;
using static TorchSharp.torch;

namespace Rait.Training;

/// <summary>
/// The loss of one micro-batch and its backward pass, for plain or packed rows. The trainer accumulates
/// these over an optimizer step; the loss is Σ_i w_i·CE_i / D over original samples either way.
/// </summary>
public static class SftStep
{
    /// <summary>D of the loss for a whole effective batch: Σ w_i (WeightSum) or the number of original samples (Count).</summary>
    /// <remarks>A packed row's weights are read from its segments, the same numbers the loss multiplies by.</remarks>
    public static double Denominator(IReadOnlyList<TokenizedExample> step, LossNormalization normalization) =>
        normalization == LossNormalization.WeightSum
            ? step.Sum(x => x.Segments?.Sum(s => s.Weight) ?? x.Weight)
            : step.Sum(x => x.SampleCount);

    /// <summary>Forward, weighted loss and backward (gradients add up in the parameters' .grad).</summary>
    /// <param name="denominator">From <see cref="Denominator"/> over the effective batch this micro-batch is part of.</param>
    /// <returns>This micro-batch's share of the step loss.</returns>
    public static float ForwardBackward(LlamaForCausalLM model, IReadOnlyList<TokenizedExample> micro, int padId, double denominator)
    {
        using var scope = NewDisposeScope();
        Tensor loss;
        if (micro.Any(x => x.Segments is not null))
        {
            var p = PackedBatchTensors.Build(micro, padId, model.Device);
            var logits = model.call(new ForwardInput(p.Ids, p.PositionIds, p.Mask));          // [B, T, V]
            (loss, _) = WeightedCausalLoss.Compute(logits, p.Labels, p.SampleIndex, p.SampleWeights, denominator);
        }
        else
        {
            var (ids, labels, weights) = BatchTensors.Build(micro, padId, model.Device);
            var logits = model.call(new ForwardInput(ids));                                    // [B, T, V]: plain causal
            (loss, _) = WeightedCausalLoss.Compute(logits, labels, weights, denominator);
        }
        loss.backward();
        return loss.item<float>();
    }
}
