namespace Rait.Methods;

/// <summary>A RAIT data-construction method: probed pool in, fine-tuning set out.</summary>
public interface IRaitMethod
{
    /// <summary>Short name written to every row and the manifest (van, cor, rtuning, craft, grait, context).</summary>
    string Name { get; }

    /// <summary>Builds the set. Deterministic for equal inputs and options (seed included).</summary>
    /// <exception cref="Rait.Core.RaitException">Bad or mismatched input, or a shortfall under the Error policy.</exception>
    RaitBuildResult Build(RaitBuildInput input);
}
