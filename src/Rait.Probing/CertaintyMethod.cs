using System.Text.Json.Serialization;

namespace Rait.Probing;

/// <summary>How σ is computed for open-ended questions (multiple choice always uses −entropy).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CertaintyMethod>))]
public enum CertaintyMethod
{
    /// <summary>Mean pairwise agreement of the normalised sampled answers, in [0, 1].</summary>
    [JsonStringEnumMemberName("lexical")] Lexical,
    /// <summary>Geometric-mean token probability of the greedy answer (R-Tuning's answer confidence), in [0, 1].</summary>
    [JsonStringEnumMemberName("answer_logprob")] AnswerLogprob,
    /// <summary>Mean off-diagonal cosine of sentence embeddings of the samples (CRaFT §2.2).</summary>
    [JsonStringEnumMemberName("embedding")] Embedding,
}
