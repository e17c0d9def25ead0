namespace Rait.Training.Data;

/// <summary>One original sample inside a packed row: where it starts, how long it is, its loss weight and id.</summary>
/// <param name="Start">Index of the sample's first token in the packed row.</param>
/// <param name="Length">Number of tokens of the sample.</param>
/// <param name="Weight">The sample's own loss weight w_i.</param>
/// <param name="Id">The sample's id (for error messages and logs).</param>
public sealed record PackSegment(int Start, int Length, double Weight, string Id);
