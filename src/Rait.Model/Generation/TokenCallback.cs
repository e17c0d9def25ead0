namespace Rait.Model.Generation;

/// <summary>Receives one generated token as soon as its decode step has run (used for live streaming).</summary>
/// <param name="sequenceIndex">Index of the sequence in the call's output order: prompt × NumSamples + sample.</param>
/// <param name="tokenId">The id just appended, including a final stop token, exactly as it ends up in
/// <see cref="GeneratedSequence.TokenIds"/>.</param>
/// <param name="finish">Set on the sequence's last token, to the reason it ends with (its <see cref="GeneratedSequence.Finish"/>),
/// so a stream can close that sequence at once instead of waiting for the rest of the batch; null before.</param>
/// <remarks>Runs on the generating thread between decode steps: it should return quickly, and it must not call back
/// into the model.</remarks>
public delegate void TokenCallback(int sequenceIndex, int tokenId, FinishReason? finish);
