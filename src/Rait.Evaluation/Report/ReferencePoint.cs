using System.Text.Json.Serialization;

namespace Rait.Evaluation.Report;

/// <summary>The THS reference E1 = (Pc, Pw) in % on one split, usually Init-Basic.</summary>
public sealed record ReferencePoint(
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("correct")] double Correct,
    [property: JsonPropertyName("wrong")] double Wrong);
