namespace Rait.Evaluation.Metrics;

/// <summary>Truthful Helpfulness Score of a model E2 = (Pc, Pw) against a reference E1 = (Pc1, Pw1).</summary>
/// <remarks>
/// CRaFT §5.2 (craft-grait.md §1.5): THS = (OE2 × OE1) / (OA × OE1) = Pc − Pw · Pc1 / Pw1, in percentage
/// points when the rates are in %. It is 0 for the reference itself and positive iff E2 lies below the
/// line through the origin and E1. The reference is Init-Basic (the initial model with the basic prompt).
/// </remarks>
public static class Ths
{
    /// <summary>THS in the units of the inputs; NaN when the reference never answers wrongly (Pw1 = 0).</summary>
    public static double Compute(double pc, double pw, double referencePc, double referencePw) =>
        referencePw == 0 ? double.NaN : pc - pw * referencePc / referencePw;
}
