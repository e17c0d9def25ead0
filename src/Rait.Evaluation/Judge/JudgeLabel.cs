using System.Text.Json.Serialization;

namespace Rait.Evaluation.Judge;

/// <summary>What the judge said about one answer; <see cref="Unparsed"/> = its reply was not exactly one of the three words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JudgeLabel>))]
public enum JudgeLabel { Correct, Wrong, Refused, Unparsed }
