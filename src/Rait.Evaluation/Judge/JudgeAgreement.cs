using Rait.Core;

namespace Rait.Evaluation.Judge;

/// <summary>Agreement rate and Cohen's κ between rule-based outcomes and judge verdicts (pure function).</summary>
/// <remarks>
/// κ = (p_o − p_e) / (1 − p_e), with p_o the observed agreement and p_e = Σ_k (rule_k / n)(judge_k / n) the agreement
/// expected by chance from the two marginals (Cohen 1960). Unparsed verdicts and fail-parse outcomes are counted
/// apart rather than as disagreements, so a judge that ignores the format is visible instead of merely "disagreeing".
/// </remarks>
public static class JudgeAgreement
{
    private const int Labels = 3;

    /// <param name="ruleOutcomes">Rule-based outcome per item.</param>
    /// <param name="judgeVerdicts">Judge verdict per item, same order and length.</param>
    /// <exception cref="RaitException">The two lists differ in length.</exception>
    public static JudgeAgreementResult Compute(IReadOnlyList<Outcome> ruleOutcomes, IReadOnlyList<JudgeVerdict> judgeVerdicts)
    {
        if (ruleOutcomes.Count != judgeVerdicts.Count)
            throw new RaitException($"judge agreement: {ruleOutcomes.Count} rule outcomes but {judgeVerdicts.Count} judge verdicts; expected one of each per item.");
        var confusion = new int[Labels][];
        for (int k = 0; k < Labels; k++) confusion[k] = new int[Labels];
        int unparsed = 0, failParse = 0;
        for (int i = 0; i < ruleOutcomes.Count; i++)
        {
            if (ruleOutcomes[i] == Outcome.FailParse) { failParse++; continue; }
            if (judgeVerdicts[i].Label == JudgeLabel.Unparsed) { unparsed++; continue; }
            confusion[Index(ruleOutcomes[i])][Index(judgeVerdicts[i].Label)]++;
        }
        int n = confusion.Sum(row => row.Sum());
        double agreement = n == 0 ? double.NaN : Enumerable.Range(0, Labels).Sum(k => confusion[k][k]) / (double)n;
        double chance = n == 0 ? double.NaN
            : Enumerable.Range(0, Labels).Sum(k => confusion[k].Sum() / (double)n * Enumerable.Range(0, Labels).Sum(r => confusion[r][k]) / n);
        // p_e = 1 means both sides used one and the same label for everything: κ is 0/0.
        double kappa = n == 0 || chance >= 1 ? double.NaN : (agreement - chance) / (1 - chance);
        return new JudgeAgreementResult(n, unparsed, failParse, agreement, kappa, confusion);
    }

    private static int Index(Outcome o) => o switch
    {
        Outcome.Correct => 0,
        Outcome.Wrong => 1,
        Outcome.Refused => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(o), o, "fail-parse outcomes are filtered out before counting."),
    };

    private static int Index(JudgeLabel l) => l switch
    {
        JudgeLabel.Correct => 0,
        JudgeLabel.Wrong => 1,
        JudgeLabel.Refused => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(l), l, "unparsed verdicts are filtered out before counting."),
    };
}
