using System.Text.Json.Serialization;

namespace Rait.Core.Text;

/// <summary>The closed set of open-QA correctness rules.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MatchRule>))]
public enum MatchRule
{
    /// <summary>CRaFT: any lower-cased alias is a substring of the lower-cased prediction.</summary>
    Contains,
    /// <summary>Normalised exact match against any alias.</summary>
    ExactMatch,
    /// <summary>Normalised token F1 against the best alias, at or above a threshold.</summary>
    TokenF1,
}
