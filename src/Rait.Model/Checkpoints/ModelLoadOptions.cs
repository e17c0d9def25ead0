using Rait.Model.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Checkpoints;

/// <summary>How to materialise a checkpoint: compute dtype and which linear layers to build (plain or LoRA).</summary>
public sealed record ModelLoadOptions
{
    /// <summary>Weight/compute dtype: float32 (default) or bfloat16 (3-4× faster matmuls on CPU).</summary>
    public ScalarType Dtype { get; init; } = ScalarType.Float32;
    /// <summary>Factory for the projections; null = plain Linear.</summary>
    public LinearFactory? Linear { get; init; }
    /// <summary>Where the weights live and every tensor of a forward pass is made; null = CUDA when TorchSharp
    /// reports it, else the CPU (see <see cref="ComputeDevice"/>).</summary>
    public Device? Device { get; init; }
}
