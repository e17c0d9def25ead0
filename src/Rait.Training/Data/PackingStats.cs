namespace Rait.Training.Data;

/// <summary>What packing did: how many samples went into how many rows, and how full those rows are.</summary>
/// <param name="Rows">Samples before packing.</param>
/// <param name="Sequences">Packed rows trained on.</param>
/// <param name="FillRatio">Real tokens / (Sequences × max_length), in [0, 1].</param>
public sealed record PackingStats(int Rows, int Sequences, double FillRatio);
