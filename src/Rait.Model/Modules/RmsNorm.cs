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
        var x32 = x.to(ScalarType.Float32);
        var y = x32 * rsqrt(x32.pow(2).mean([-1L], keepdim: true) + _eps);
        return (y.to(x.dtype) * _weight).MoveToOuterDisposeScope();
    }
}
