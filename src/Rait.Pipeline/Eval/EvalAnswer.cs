using System.Text.Json.Serialization;
using Rait.Evaluation;
using Rait.Evaluation.Judge;

namespace Rait.Pipeline.Eval;

/// <summary>One line of answers.jsonl: the model's greedy answer to one item, how it was scored, and its signals.</summary>
public sealed record EvalAnswer
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("split")] public required string Split { get; init; }
    [JsonPropertyName("question")] public required string Question { get; init; }
    [JsonPropertyName("answer")] public required string Answer { get; init; }
    [JsonPropertyName("outcome")] public required Outcome Outcome { get; init; }
    /// <summary>The score used for AP (see <see cref="ConfidenceScore"/>); null when scoring is off.</summary>
    [JsonPropertyName("confidence")] public double? Confidence { get; init; }
    /// <summary>exp(mean log-prob) of the greedy answer tokens.</summary>
    [JsonPropertyName("answer_confidence")] public double? AnswerConfidence { get; init; }
    /// <summary>R-Tuning P(sure); null unless the confidence mode asks for it.</summary>
    [JsonPropertyName("p_sure")] public double? PSure { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    /// <summary>Ground-truth pretraining exposure (synthetic world items).</summary>
    [JsonPropertyName("exposure")] public int? Exposure { get; init; }
    /// <summary>Whether the reference (base) run answered this item correctly; null without a reference.</summary>
    [JsonPropertyName("base_known")] public bool? BaseKnown { get; init; }
    /// <summary>The LLM judge's label (open items, judge configured only).</summary>
    [JsonPropertyName("judge")] public JudgeLabel? Judge { get; init; }
    /// <summary>The judge's raw reply, kept to audit unparsed verdicts.</summary>
    [JsonPropertyName("judge_reply")] public string? JudgeReply { get; init; }

    /// <summary>The row the metrics read.</summary>
    public EvalRow ToRow() => new()
    {
        Id = Id, Outcome = Outcome, Prediction = Answer, Subject = Subject, Confidence = Confidence,
        BaseKnown = BaseKnown, Exposure = Exposure,
    };
}
