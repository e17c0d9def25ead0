namespace Rait.Probing.Backends;

/// <summary>One sequence of a seeded batch: which prompt it continues, greedy or sampled, and its own seed.</summary>
public sealed record SampleRow(int Prompt, bool Greedy, ulong Seed);

/// <summary>A finished row: generated ids (without a final stop token), their log-probs and the text cut at the first stop string.</summary>
public sealed record SampledText(IReadOnlyList<int> TokenIds, IReadOnlyList<float> LogProbs, string Text);
