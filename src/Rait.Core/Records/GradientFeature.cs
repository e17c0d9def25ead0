using System.Text.Json.Serialization;

namespace Rait.Core.Records;

/// <summary>
/// Per-candidate gradient features for GRAIT selection: the LoRA gradient of the loss on the
/// original answer and on the refusal, Adam-preconditioned, randomly projected and L2-normalised by
/// the training engine (LESS recipe, CRaFT/GRAIT spec §3.3). Both vectors have the same length.
/// </summary>
public sealed record GradientFeature
{
    /// <summary>Question id, matching <see cref="ProbeRecord.Id"/>.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>ĝ_van: feature of the loss on the original answer. [d]</summary>
    [JsonPropertyName("answer_grad")] public required float[] AnswerGrad { get; init; }
    /// <summary>ĝ_idk: feature of the loss on the refusal target. [d]</summary>
    [JsonPropertyName("refusal_grad")] public required float[] RefusalGrad { get; init; }
}
