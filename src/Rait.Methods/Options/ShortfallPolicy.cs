namespace Rait.Methods.Options;

/// <summary>What to do when fewer candidates qualify than a requested size.</summary>
public enum ShortfallPolicy
{
    /// <summary>Throw a RaitException naming the group, the requested and the available count.</summary>
    Error,
    /// <summary>Use every available candidate and report the smaller count in the manifest.</summary>
    TakeAvailable,
    /// <summary>Keep every candidate once and fill the rest by drawing with replacement (CRaFT/GRAIT MCQA code).</summary>
    Resample,
}
