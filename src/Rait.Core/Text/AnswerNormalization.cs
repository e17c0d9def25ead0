using System.Text.Json.Serialization;

namespace Rait.Core.Text;

/// <summary>Which official answer normaliser to apply before exact match or token F1.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerNormalization>))]
public enum AnswerNormalization
{
    /// <summary>SQuAD <c>evaluate-v2.0.py</c>: punctuation is deleted ("U.S." becomes "us").</summary>
    Squad,
    /// <summary>TriviaQA <c>triviaqa_evaluation.py</c>: punctuation is replaced by a space ("U.S." becomes "u s").</summary>
    TriviaQa,
}
