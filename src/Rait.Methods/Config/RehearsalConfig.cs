using Rait.Core.Config;
using Rait.Methods.Options;

namespace Rait.Methods.Config;

/// <summary>
/// Stage config of <c>rait build rehearsal</c> (CRaFT stage 1, GRAIT warm-up): the selection options
/// under <c>[rehearsal]</c> and the model the probe table must come from.
/// </summary>
public sealed record RehearsalConfig : IValidatable
{
    public RehearsalOptions Rehearsal { get; init; } = new();
    /// <summary>Model fingerprint the pool must carry; unset = only check the file is consistent.</summary>
    public string? ExpectedModelFingerprint { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = Rehearsal.Validate("rehearsal").ToList();
        if (ExpectedModelFingerprint is not null && string.IsNullOrWhiteSpace(ExpectedModelFingerprint))
            errors.Add("expected_model_fingerprint: must not be empty when set.");
        return errors;
    }
}
