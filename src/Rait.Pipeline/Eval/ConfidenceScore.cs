namespace Rait.Pipeline.Eval;

/// <summary>Which confidence score each evaluated answer gets, for AP and AUROC (R-Tuning §1.4).</summary>
public enum ConfidenceScore
{
    /// <summary>No score: AP and AUROC are absent.</summary>
    None,
    /// <summary>Answer confidence: geometric mean of the greedy tokens' probabilities, exp(mean log-prob).</summary>
    Answer,
    /// <summary>P(sure) = p(" sure.") / (p(" sure.") + p(" unsure.")) after the R-Tuning certainty question.</summary>
    Sure,
    /// <summary>R-Tuning's combined score 0.5·answer confidence + 0.5·P(sure).</summary>
    Combined,
}
