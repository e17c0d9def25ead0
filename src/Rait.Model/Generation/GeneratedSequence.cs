namespace Rait.Model.Generation;

/// <summary>Why decoding of a sequence ended.</summary>
public enum FinishReason { Stop, Length }

/// <summary>One decoded continuation.</summary>
/// <param name="PromptIndex">Index of the prompt in the request.</param>
/// <param name="SampleIndex">0..NumSamples-1.</param>
/// <param name="TokenIds">Generated ids, including a final stop token if one ended the sequence.</param>
/// <param name="LogProbs">Log-probability of each generated id under the model (before temperature / top-k / top-p).</param>
public sealed record GeneratedSequence(int PromptIndex, int SampleIndex, IReadOnlyList<int> TokenIds, IReadOnlyList<float> LogProbs, FinishReason Finish);
