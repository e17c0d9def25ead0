namespace Rait.Training.Data;

/// <summary>
/// One training sequence: token ids and unshifted labels (label[t] = the id at t, or -100 where no loss
/// is taken: prompt and padding). The causal shift happens only in the loss.
/// </summary>
public sealed record TokenizedExample(string Id, int[] InputIds, int[] Labels, double Weight = 1.0)
{
    public const int Ignore = -100;
    public int SupervisedTokens => Labels.Count(l => l != Ignore);
}
