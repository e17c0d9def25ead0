using Rait.Model.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rait.Training.Optim;

/// <summary>
/// AdamW with decoupled weight decay (Loshchilov &amp; Hutter), matching torch.optim.AdamW. Our own so
/// that its state saves and restores exactly (resume) and GRAIT can read the second moments to
/// precondition gradients. Owns its state tensors.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly IReadOnlyList<(string Name, Parameter P)> _params;
    private readonly Tensor[] _m, _v;
    private readonly double _beta1, _beta2, _eps, _weightDecay;

    public AdamW(IReadOnlyList<(string Name, Parameter P)> parameters, double beta1, double beta2, double eps, double weightDecay)
    {
        _params = parameters;
        _beta1 = beta1; _beta2 = beta2; _eps = eps; _weightDecay = weightDecay;
        _m = parameters.Select(p => zeros_like(p.P, dtype: ScalarType.Float32).DetachFromDisposeScope()).ToArray();
        _v = parameters.Select(p => zeros_like(p.P, dtype: ScalarType.Float32).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Number of updates taken.</summary>
    public long Step { get; private set; }
    public IReadOnlyList<(string Name, Parameter P)> Parameters => _params;
    public double Beta1 => _beta1;
    public double Beta2 => _beta2;
    public double Epsilon => _eps;

    /// <summary>First and second moment of parameter <paramref name="index"/> (read-only use).</summary>
    public (Tensor M, Tensor V) Moments(int index) => (_m[index], _v[index]);

    /// <summary>One update with learning rate <paramref name="lr"/>; parameters without a gradient are skipped.</summary>
    public void Update(double lr)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Step++;
        double bc1 = 1 - Math.Pow(_beta1, Step), bc2 = 1 - Math.Pow(_beta2, Step);
        for (int i = 0; i < _params.Count; i++)
        {
            var p = _params[i].P;
            var g = p.grad;
            if (g is null) continue;
            var g32 = g.to(ScalarType.Float32);
            _m[i].mul_(_beta1).add_(g32, alpha: 1 - _beta1);
            _v[i].mul_(_beta2).addcmul_(g32, g32, value: 1 - _beta2);
            var denom = _v[i].sqrt().div_(Math.Sqrt(bc2)).add_(_eps); // the one temporary of the update
            if (p.dtype == ScalarType.Float32)
            {
                // In place, as torch.optim.AdamW: decay first, then the Adam step. With 100M parameters every
                // avoided temporary saves a pass over 400 MB.
                if (_weightDecay > 0) p.mul_(1 - lr * _weightDecay);
                p.addcdiv_(_m[i], denom, value: -lr / bc1);
                continue;
            }
            var update = _m[i] / denom * (lr / bc1);
            if (_weightDecay > 0) update = update + p.to(ScalarType.Float32) * (lr * _weightDecay);
            p.sub_(update.to(p.dtype));
        }
    }

    /// <summary>Clears the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var (_, p) in _params) p.grad?.zero_();
    }

    /// <summary>Writes m, v and the step count (safetensors, atomic).</summary>
    public void Save(string path)
    {
        var tensors = new List<KeyValuePair<string, Tensor>>();
        for (int i = 0; i < _params.Count; i++)
        {
            tensors.Add(new("m." + _params[i].Name, _m[i]));
            tensors.Add(new("v." + _params[i].Name, _v[i]));
        }
        SafetensorsFile.Write(path, tensors, new Dictionary<string, string> { ["step"] = Step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>Restores a state written by <see cref="Save"/> for the same parameter set.</summary>
    public void Load(string path)
    {
        var file = SafetensorsFile.Open(path);
        if (!file.Metadata.TryGetValue("step", out var step) || !long.TryParse(step, out var s))
            throw new Core.RaitException($"{path}: __metadata__.step: missing; not an optimizer state.");
        using var noGrad = no_grad();
        for (int i = 0; i < _params.Count; i++)
        {
            foreach (var (prefix, target) in new[] { ("m.", _m[i]), ("v.", _v[i]) })
            {
                var key = prefix + _params[i].Name;
                if (!file.Entries.ContainsKey(key)) throw new Core.RaitException($"{path}: no state for parameter {_params[i].Name}; the checkpoint is from another model or mode.");
                using var t = file.Read(key, ScalarType.Float32);
                if (!t.shape.SequenceEqual(target.shape)) throw new Core.RaitException($"{path}: {key}: shape [{string.Join(", ", t.shape)}] does not match the parameter.");
                target.copy_(t);
            }
        }
        Step = s;
    }

    public void Dispose()
    {
        foreach (var t in _m) t.Dispose();
        foreach (var t in _v) t.Dispose();
    }
}
