namespace Rait.Evaluation.Metrics;

/// <summary>Hallucination: the share (%) of never-seen facts (exposure 0) that the model answered wrongly.</summary>
/// <remarks>
/// Needs ground truth (the synthetic world). Denominator: items with <see cref="EvalRow.Exposure"/> = 0;
/// refusals and fail-parses are not hallucinations. NaN when no item has exposure 0.
/// </remarks>
public static class Hallucination
{
    /// <summary>True when at least one row carries an exposure count.</summary>
    public static bool IsAvailable(IReadOnlyList<EvalRow> rows) => rows.Any(r => r.Exposure.HasValue);

    public static double Compute(IReadOnlyList<EvalRow> rows, IReadOnlyList<int> indices)
    {
        int unseen = 0, wrong = 0;
        foreach (var i in indices)
        {
            if (rows[i].Exposure != 0) continue;
            unseen++;
            if (rows[i].Outcome == Outcome.Wrong) wrong++;
        }
        return unseen == 0 ? double.NaN : 100.0 * wrong / unseen;
    }
}
