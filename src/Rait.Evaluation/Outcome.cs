using System.Text.Json.Serialization;

namespace Rait.Evaluation;

/// <summary>How one response was scored. Fail-parse (multiple choice only) counts in neither Pc, Pw nor Pr.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome { Correct, Wrong, Refused, FailParse }
