using Rait.Core;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Rait.Model.Lora;

/// <summary>
/// A linear layer with a low-rank adapter: y = W·x (+b) + s·B(A(dropout(x))). It owns the frozen base
/// weight under the base key ("q_proj.weight"), so base checkpoints load unchanged, and the adapter as
/// lora_A / lora_B (PEFT's names). B starts at zero, so at step 0 the layer equals the base layer.
/// </summary>
/// <remarks>Hu et al. 2021 (LoRA); PEFT tuners/lora/layer.py; torchtune modules/peft/lora.py.</remarks>
public sealed class LoraLinear : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")] private readonly Parameter _weight;   // [out, in]
    [ComponentName(Name = "bias")] private readonly Parameter? _bias;      // [out]
    [ComponentName(Name = "lora_A")] private readonly Linear _loraA;       // weight [R, in]
    [ComponentName(Name = "lora_B")] private readonly Linear _loraB;       // weight [out, R]
    private readonly double _dropout;
    private Tensor? _sampleA, _sampleB; // [N, R, in], [N, out, R] while per-sample adapters are on

    public LoraLinear(long inFeatures, long outFeatures, bool bias, LoraOptions o) : base(nameof(LoraLinear))
    {
        using (var plain = nn.Linear(inFeatures, outFeatures, hasBias: bias))
        {
            _weight = new Parameter(plain.weight!.detach().clone(), requires_grad: false);
            _bias = bias ? new Parameter(plain.bias!.detach().clone(), requires_grad: false) : null;
        }
        _loraA = nn.Linear(inFeatures, o.Rank, hasBias: false);   // Kaiming-uniform, as nn.Linear (PEFT default)
        _loraB = nn.Linear(o.Rank, outFeatures, hasBias: false);
        using (no_grad()) _loraB.weight!.zero_();
        Scale = o.Scale;
        _dropout = o.Dropout;
        RegisterComponents();
    }

    public double Scale { get; }
    /// <summary>True after <see cref="Merge"/>: the delta lives in the base weight and the adapter path is skipped.</summary>
    public bool Merged { get; private set; }
    /// <summary>Skip the adapter (base-model behaviour) without unmerging.</summary>
    public bool Disabled { get; set; }

    public Parameter LoraA => _loraA.weight!;

    /// <summary>Moves only the adapter to <paramref name="dtype"/> (float32 adapters over a bfloat16 base).</summary>
    public void AdaptersTo(ScalarType dtype)
    {
        _loraA.to(dtype);
        _loraB.to(dtype);
    }

    public Parameter LoraB => _loraB.weight!;

    /// <summary>Draws the dropout masks while training. Unset, dropout uses libtorch's process-wide generator,
    /// which anything else in the process may also draw from; the trainer sets its own per-step generator so
    /// that a run replays bit for bit whatever else runs beside it.</summary>
    public Generator? DropoutGenerator { get; set; }

    /// <summary>A = Kaiming-uniform(a = √5) as nn.Linear and PEFT (bound 1/√in), B = 0, drawn from
    /// <paramref name="rng"/>: the starting adapter depends on the run's seed alone.</summary>
    public void ResetAdapter(Generator rng)
    {
        using var noGrad = no_grad();
        double bound = 1.0 / Math.Sqrt(_loraA.weight!.shape[1]);
        _loraA.weight!.uniform_(-bound, bound, rng);
        _loraB.weight!.zero_();
    }

    /// <summary>Gives each of the <paramref name="samples"/> rows of the next batch its own copy of the adapter (leaf tensors
    /// that collect gradients), so one backward of the summed loss yields every sample's own adapter gradient: rows never
    /// share an adapter, so nothing mixes. Until <see cref="EndPerSample"/>, inputs must be [samples, T, in].</summary>
    /// <returns>The copies of A [N, R, in] and B [N, out, R]; their .grad is the per-sample gradient after backward.</returns>
    public (Tensor A, Tensor B) BeginPerSample(int samples)
    {
        EndPerSample();
        using (no_grad())
        {
            _sampleA = _loraA.weight!.detach().unsqueeze(0).repeat(samples, 1, 1).DetachFromDisposeScope();
            _sampleB = _loraB.weight!.detach().unsqueeze(0).repeat(samples, 1, 1).DetachFromDisposeScope();
        }
        _sampleA.requires_grad_(true);
        _sampleB.requires_grad_(true);
        return (_sampleA, _sampleB);
    }

    /// <summary>Back to the shared adapter; frees the per-sample copies and their gradients.</summary>
    public void EndPerSample()
    {
        _sampleA?.Dispose();
        _sampleB?.Dispose();
        _sampleA = _sampleB = null;
    }

    /// <param name="x">[..., in]</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = nn.functional.linear(x, _weight, _bias);
        if (Merged || Disabled) return y.MoveToOuterDisposeScope();
        var h = x.to(_loraA.weight!.dtype);
        if (training && _dropout > 0) h = Dropout(h);
        var delta = _sampleA is null
            ? _loraB.call(_loraA.call(h)) * Scale                                    // [..., out]
            : h.bmm(_sampleA.transpose(1, 2)).bmm(_sampleB!.transpose(1, 2)) * Scale; // [N, T, out], row n through adapter n
        return (y + delta.to(y.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>Inverted dropout, with masks from <see cref="DropoutGenerator"/> when one is set.</summary>
    private Tensor Dropout(Tensor h)
    {
        if (DropoutGenerator is null) return nn.functional.dropout(h, _dropout, training: true);
        var keep = empty_like(h).bernoulli_(1 - _dropout, DropoutGenerator);
        return h * keep / (1 - _dropout);
    }

    /// <summary>W ← W + s·B·A, computed in float32 and checked finite before it is committed (PEFT safe_merge).</summary>
    /// <exception cref="RaitException">The merged weight would contain NaN or infinity.</exception>
    public void Merge()
    {
        if (Merged) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var merged = _weight.to(ScalarType.Float32) + Delta();
        if (!merged.isfinite().all().item<bool>()) throw new RaitException("LoRA merge: NaN or infinite values in the merged weights; the adapter is broken.");
        _weight.copy_(merged);
        Merged = true;
    }

    /// <summary>W ← W − s·B·A (undoes <see cref="Merge"/>).</summary>
    public void Unmerge()
    {
        if (!Merged) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _weight.copy_(_weight.to(ScalarType.Float32) - Delta());
        Merged = false;
    }

    private Tensor Delta() => _loraB.weight!.to(ScalarType.Float32).matmul(_loraA.weight!.to(ScalarType.Float32)) * Scale; // [out, in]
}
