namespace Rait.Evaluation.Metrics;

/// <summary>Correct / wrong / refused / fail-parse shares of a set of items, each in % of all items.</summary>
/// <remarks>CRaFT §1.3-1.4: count/total × 100; Pc + Pw + Pr + fail-parse = 100.</remarks>
public sealed record OutcomeRates(int N, double Correct, double Wrong, double Refused, double FailParse)
{
    /// <summary>Rates over all <paramref name="rows"/>.</summary>
    public static OutcomeRates Compute(IReadOnlyList<EvalRow> rows) => Compute(rows, Enumerable.Range(0, rows.Count).ToArray());

    /// <summary>Rates over the rows at <paramref name="indices"/> (repeats allowed, as in a bootstrap resample).</summary>
    /// <exception cref="ArgumentException">No indices: rates of nothing are undefined.</exception>
    public static OutcomeRates Compute(IReadOnlyList<EvalRow> rows, IReadOnlyList<int> indices)
    {
        if (indices.Count == 0) throw new ArgumentException("cannot compute rates over zero items", nameof(indices));
        int c = 0, w = 0, r = 0, f = 0;
        foreach (var i in indices)
        {
            switch (rows[i].Outcome)
            {
                case Outcome.Correct: c++; break;
                case Outcome.Wrong: w++; break;
                case Outcome.Refused: r++; break;
                case Outcome.FailParse: f++; break;
                default: throw new ArgumentOutOfRangeException(nameof(rows), rows[i].Outcome, "unknown outcome");
            }
        }
        double n = indices.Count;
        return new OutcomeRates(indices.Count, 100 * c / n, 100 * w / n, 100 * r / n, 100 * f / n);
    }
}
