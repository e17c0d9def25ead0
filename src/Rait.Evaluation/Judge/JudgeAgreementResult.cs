using System.Text.Json.Serialization;

namespace Rait.Evaluation.Judge;

/// <summary>How well the judge agrees with the rule-based classifier on the items both could label.</summary>
/// <param name="Compared">Items with a rule outcome of correct/wrong/refused and a parsed judge verdict.</param>
/// <param name="Unparsed">Items whose judge reply was unparsed (left out of the comparison).</param>
/// <param name="RuleFailParse">Items the rules could not parse (multiple choice; left out of the comparison).</param>
/// <param name="Agreement">Share of compared items with the same label, in [0, 1]; NaN when nothing was compared.</param>
/// <param name="Kappa">Cohen's κ over the compared items; NaN when chance agreement is 1 or nothing was compared.</param>
/// <param name="Confusion">Counts [rule][judge] in the order correct, wrong, refused.</param>
public sealed record JudgeAgreementResult(
    [property: JsonPropertyName("compared")] int Compared,
    [property: JsonPropertyName("unparsed")] int Unparsed,
    [property: JsonPropertyName("rule_fail_parse")] int RuleFailParse,
    [property: JsonPropertyName("agreement")] double Agreement,
    [property: JsonPropertyName("kappa")] double Kappa,
    [property: JsonPropertyName("confusion")] IReadOnlyList<IReadOnlyList<int>> Confusion);
