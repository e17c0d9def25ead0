namespace Rait.Probing.Certainty;

/// <summary>Correctness and certainty of one multiple-choice question from its letter probabilities (CRaFT §2.3).</summary>
/// <param name="Mu">p_gold / Σ p_letters.</param>
/// <param name="Sigma">−H with H = −Σ p ln p over the raw (unnormalised) letter probabilities; in [−ln K, 0] up to the missing mass.</param>
/// <param name="PGold">Raw p_gold (CRaFT's rehearsal filter uses it).</param>
/// <param name="LetterProbs">Raw probabilities, in option order.</param>
public sealed record McScore(double Mu, double Sigma, double PGold, IReadOnlyList<double> LetterProbs)
{
    /// <summary>Scores from log p(label) per option and the index of the gold option.</summary>
    public static McScore FromLogProbs(IReadOnlyList<double> letterLogProbs, int goldIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(goldIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(goldIndex, letterLogProbs.Count);
        var p = letterLogProbs.Select(Math.Exp).ToArray();
        double total = p.Sum();
        double entropy = -p.Where(x => x > 0).Sum(x => x * Math.Log(x));
        return new McScore(total > 0 ? p[goldIndex] / total : 0, -entropy, p[goldIndex], p);
    }
}
