using Rait.Model.Modules;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Rait.Model.Llama;

/// <summary>SwiGLU feed-forward: down(silu(gate(x)) * up(x)).</summary>
public sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "gate_proj")] private readonly nn.Module<Tensor, Tensor> _gateProj;
    [ComponentName(Name = "up_proj")] private readonly nn.Module<Tensor, Tensor> _upProj;
    [ComponentName(Name = "down_proj")] private readonly nn.Module<Tensor, Tensor> _downProj;

    public LlamaMlp(long dim, long hidden, bool bias, LinearFactory linear) : base(nameof(LlamaMlp))
    {
        _gateProj = linear("gate_proj", dim, hidden, bias);
        _upProj = linear("up_proj", dim, hidden, bias);
        _downProj = linear("down_proj", hidden, dim, bias);
        RegisterComponents();
    }

    /// <param name="x">[B, T, D]</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.silu(_gateProj.call(x)) * _upProj.call(x); // [B, T, F]
        return _downProj.call(h).MoveToOuterDisposeScope();            // [B, T, D]
    }
}
