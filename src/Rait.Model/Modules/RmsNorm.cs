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
    private readonly long _dim;
    private readonly double _eps;
    // mean(x²) + eps as one linear call ([1, D] of 1/D, bias eps): a reduction plus a scalar add cost three times as much
    // at decode sizes. Derived constants, kept per device rather than registered, so checkpoints never see them.
    private Tensor? _meanRow, _epsBias;

    public RmsNorm(long dim, double eps) : base(nameof(RmsNorm))
    {
        _weight = new Parameter(ones(dim));
        _dim = dim;
        _eps = eps;
        RegisterComponents();
    }

    /// <param name="x">[..., D]</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // float32 activations skip the two casts: small models decode at a few microseconds per tensor call.
        var x32 = x.dtype == ScalarType.Float32 ? x : x.to(ScalarType.Float32);
        var (meanRow, epsBias) = Constants(x.device);
        var y = x32 * nn.functional.linear(x32.square(), meanRow, epsBias).rsqrt();
        if (y.dtype != x.dtype) y = y.to(x.dtype);
        return (y * _weight).MoveToOuterDisposeScope();
    }

    private (Tensor MeanRow, Tensor EpsBias) Constants(Device device)
    {
        if (_meanRow is null || _meanRow.device_type != device.type || _meanRow.device_index != device.index)
        {
            _meanRow?.Dispose();
            _epsBias?.Dispose();
            _meanRow = full(1, _dim, 1.0 / _dim, ScalarType.Float32, device).DetachFromDisposeScope();
            _epsBias = full(1, _eps, ScalarType.Float32, device).DetachFromDisposeScope();
        }
        return (_meanRow, _epsBias!);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _meanRow?.Dispose();
            _epsBias?.Dispose();
        }
        base.Dispose(disposing);
    }
}
