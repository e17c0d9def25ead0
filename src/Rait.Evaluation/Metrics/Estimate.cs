namespace Rait.Evaluation.Metrics;

/// <summary>A point estimate with its bootstrap interval; NaN bounds mean no interval was computed.</summary>
public sealed record Estimate(double Value, double Lower, double Upper)
{
    /// <summary>Formats as "53.3 [51.0, 55.6]" with <paramref name="decimals"/> digits; "n/a" when undefined.</summary>
    public string Format(int decimals = 1)
    {
        string F(double x) => double.IsFinite(x) ? x.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture) : "n/a";
        if (!double.IsFinite(Value)) return "n/a";
        return double.IsFinite(Lower) ? $"{F(Value)} [{F(Lower)}, {F(Upper)}]" : F(Value);
    }
}
