using static TorchSharp.torch;

namespace Rait.Model.Modules;

/// <summary>
/// Creates the linear layer for one projection. Builders pass the HF module name (q_proj, gate_proj, ...)
/// so a LoRA factory can decide which projections get adapters, torchtune-style, without the blocks knowing.
/// </summary>
public delegate nn.Module<Tensor, Tensor> LinearFactory(string name, long inFeatures, long outFeatures, bool bias);

/// <summary>The plain factory: a TorchSharp Linear with [out, in] weights, as HF stores them.</summary>
public static class Linears
{
    public static readonly LinearFactory Plain = (_, inF, outF, bias) => nn.Linear(inF, outF, hasBias: bias);
}
