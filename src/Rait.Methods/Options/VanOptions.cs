namespace Rait.Methods.Options;

/// <summary>Van-Tuning: a random sample of the pool with the original answers.</summary>
public sealed record VanOptions : MethodOptions
{
    public int Total { get; init; } = 10_000;
    /// <summary>Draw with replacement (CRaFT MCQA code) instead of a plain random sample (OEQA code, paper).</summary>
    public bool WithReplacement { get; init; }

    public override IReadOnlyList<string> Validate()
    {
        var errors = ValidateCommon("van").ToList();
        if (Total <= 0) errors.Add($"van.total: must be > 0, got {Total}.");
        return errors;
    }
}
