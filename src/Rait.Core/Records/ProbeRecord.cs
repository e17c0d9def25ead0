using System.Text.Json.Serialization;

namespace Rait.Core.Records;

/// <summary>Whether a probe row came from open-ended or multiple-choice probing.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
public enum QuestionKind { Open, MultipleChoice }

/// <summary>
/// What probing learned about one question: correctness μ (share of correct samples, or p_gold
/// normalised over the option letters) and certainty σ (CRaFT §2.2-2.3, R-Tuning §1.1).
/// The question itself travels along so that building needs no second lookup.
/// </summary>
public sealed record ProbeRecord
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("kind")] public required QuestionKind Kind { get; init; }
    [JsonPropertyName("question")] public required string Question { get; init; }
    /// <summary>Gold answers (open) or the gold option text (multiple choice), for building SFT targets.</summary>
    [JsonPropertyName("answers")] public required IReadOnlyList<string> Answers { get; init; }
    /// <summary>Options of a multiple-choice item (empty for open questions).</summary>
    [JsonPropertyName("options")] public IReadOnlyList<McOption> Options { get; init; } = [];
    /// <summary>Gold label of a multiple-choice item.</summary>
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("context")] public string? Context { get; init; }
    /// <summary>Correctness μ in [0, 1].</summary>
    [JsonPropertyName("mu")] public required double Mu { get; init; }
    /// <summary>Certainty σ (higher = more certain); its scale depends on the certainty method.</summary>
    [JsonPropertyName("sigma")] public required double Sigma { get; init; }
    [JsonPropertyName("greedy_answer")] public string? GreedyAnswer { get; init; }
    [JsonPropertyName("greedy_correct")] public bool? GreedyCorrect { get; init; }
    [JsonPropertyName("samples")] public IReadOnlyList<string> Samples { get; init; } = [];
    [JsonPropertyName("sample_correct")] public IReadOnlyList<bool> SampleCorrect { get; init; } = [];
    /// <summary>Multiple choice: raw probability of the gold letter (before normalisation).</summary>
    [JsonPropertyName("p_gold")] public double? PGold { get; init; }
    /// <summary>Multiple choice: raw probabilities of the option letters, in option order.</summary>
    [JsonPropertyName("letter_probs")] public IReadOnlyList<double> LetterProbs { get; init; } = [];
    /// <summary>Hash of the model (and adapter) that produced the row.</summary>
    [JsonPropertyName("model_fingerprint")] public required string ModelFingerprint { get; init; }
    /// <summary>Hash of the prompt format, sampling options and data file.</summary>
    [JsonPropertyName("prompt_fingerprint")] public required string PromptFingerprint { get; init; }
    [JsonPropertyName("meta")] public ItemMetadata Meta { get; init; } = new();
}
