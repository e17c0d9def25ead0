using System.Security.Cryptography;
using Rait.Core.Random;
using Rait.Training.Data;

namespace Rait.Training;

/// <summary>
/// The full, seeded order of optimizer steps: for each epoch a permutation of the data, cut into
/// effective batches (batch_size × gradient_accumulation). Computed up front so a resumed run
/// replays exactly the same steps.
/// </summary>
public sealed class TrainingPlan
{
    public TrainingPlan(int count, TrainConfig c)
    {
        int perStep = c.BatchSize * c.GradientAccumulation;
        var steps = new List<(int Epoch, int[] Indices)>();
        for (int e = 0; e < c.Epochs; e++)
        {
            var perm = SplitMix64.For(c.Seed, $"train-epoch-{e}").Permutation(count);
            for (int start = 0; start < count; start += perStep)
                steps.Add((e, perm[start..Math.Min(count, start + perStep)]));
        }
        Steps = steps;
    }

    public IReadOnlyList<(int Epoch, int[] Indices)> Steps { get; }

    /// <summary>Hash of every example's ids, labels and weight (and, for packed rows, every segment's
    /// bounds and weight): a checkpoint resumes only the same data. Plain rows hash as they always did.</summary>
    public static string Fingerprint(IReadOnlyList<TokenizedExample> data)
    {
        using var sha = SHA256.Create();
        foreach (var x in data)
        {
            var bytes = new byte[(x.InputIds.Length + x.Labels.Length) * 4 + 8];
            Buffer.BlockCopy(x.InputIds, 0, bytes, 0, x.InputIds.Length * 4);
            Buffer.BlockCopy(x.Labels, 0, bytes, x.InputIds.Length * 4, x.Labels.Length * 4);
            BitConverter.GetBytes(x.Weight).CopyTo(bytes, bytes.Length - 8);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
            foreach (var s in x.Segments ?? [])
            {
                var seg = new byte[16];
                BitConverter.GetBytes(s.Start).CopyTo(seg, 0);
                BitConverter.GetBytes(s.Length).CopyTo(seg, 4);
                BitConverter.GetBytes(s.Weight).CopyTo(seg, 8);
                sha.TransformBlock(seg, 0, seg.Length, null, 0);
            }
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!)[..16].ToLowerInvariant();
    }
}
