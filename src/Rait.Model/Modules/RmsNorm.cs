using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Modules;

/// <summary>
/// RMSNorm as HF computes it: normalise in float32, cast back to the input dtype, then scale by
/// the weight (which starts at 1, not 1 + w).
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")] private readonly Parameter _weight;
    private readonly double _eps;

    public RmsNorm(long dim, double eps) : base(nameof(RmsNorm))
    {
        _weight = new Parameter(ones(dim));
        _eps = eps;
        RegisterComponents();
    }

    /// <param name="x">[..., D]</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // float32 activations skip the two casts: small models decode at a few microseconds per tensor call.
        var x32 = x.dtype == ScalarType.Float32 ? x : x.to(ScalarType.Float32);
        var y = x32 * x32.pow(2).mean([-1L], keepdim: true).add(_eps).rsqrt();
        if (y.dtype != x.dtype) y = y.to(x.dtype);
        return (y * _weight).MoveToOuterDisposeScope();
    }
}
