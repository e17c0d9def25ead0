namespace Rait.Training.Data;

/// <summary>
/// One training sequence: token ids and unshifted labels (label[t] = the id at t, or -100 where no loss
/// is taken: prompt and padding). The causal shift happens only in the loss.
/// </summary>
/// <remarks>
/// A packed row (<see cref="SequencePacker"/>) holds several samples back to back; <see cref="Segments"/>
/// says where each starts, and <see cref="Weight"/> is the sum of their weights. The trainer keeps the
/// samples apart: positions restart and attention stays inside each segment, and the loss is still a
/// mean per original sample.
/// </remarks>
public sealed record TokenizedExample(string Id, int[] InputIds, int[] Labels, double Weight = 1.0)
{
    public const int Ignore = -100;

    /// <summary>The samples packed into this row, in order; null for a plain (unpacked) row.</summary>
    public PackSegment[]? Segments { get; init; }

    /// <summary>Number of original samples this row stands for (the Count normalisation counts these).</summary>
    public int SampleCount => Segments?.Length ?? 1;

    public int SupervisedTokens => Labels.Count(l => l != Ignore);
}
