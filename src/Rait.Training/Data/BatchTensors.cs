using static TorchSharp.torch;

namespace Rait.Training.Data;

/// <summary>Right-padded id and label tensors for a micro-batch (padding is labelled -100).</summary>
public static class BatchTensors
{
    /// <returns>ids [B, T] int64, labels [B, T] int64, weights [B] float32.</returns>
    /// <param name="device">The model's device; the tensors are made there.</param>
    public static (Tensor Ids, Tensor Labels, Tensor Weights) Build(IReadOnlyList<TokenizedExample> batch, int padId, Device device)
    {
        int b = batch.Count, t = batch.Max(x => x.InputIds.Length);
        var ids = new long[b * t];
        var labels = new long[b * t];
        for (int i = 0; i < b; i++)
            for (int j = 0; j < t; j++)
            {
                bool real = j < batch[i].InputIds.Length;
                ids[i * t + j] = real ? batch[i].InputIds[j] : padId;
                labels[i * t + j] = real ? batch[i].Labels[j] : TokenizedExample.Ignore;
            }
        return (tensor(ids, device: device).view(b, t), tensor(labels, device: device).view(b, t), tensor(batch.Select(x => (float)x.Weight).ToArray(), device: device));
    }
}
