using Rait.Model.Llama;
using Rait.Model.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Lora;

/// <summary>Chooses LoRA or plain linear layers when a model is built, and finds the adapter parameters afterwards.</summary>
public static class LoraInjector
{
    /// <summary>A factory giving the target projections a <see cref="LoraLinear"/>, the rest a plain Linear.</summary>
    public static LinearFactory Factory(LoraOptions o) => (name, inF, outF, bias) =>
        o.TargetModules.Contains(name) ? new LoraLinear(inF, outF, bias, o) : Linears.Plain(name, inF, outF, bias);

    /// <summary>(name, parameter) of every adapter weight, in state-dict order.</summary>
    public static IReadOnlyList<(string Name, Parameter Parameter)> AdapterParameters(nn.Module model) =>
        model.named_parameters().Where(p => p.name.Contains(".lora_", StringComparison.Ordinal)).ToList();

    /// <summary>Freezes everything except the adapters (the base stays exactly as loaded).</summary>
    public static void FreezeBase(nn.Module model)
    {
        foreach (var (name, p) in model.named_parameters())
            p.requires_grad = name.Contains(".lora_", StringComparison.Ordinal);
    }

    /// <summary>Keeps adapter weights in float32 while the frozen base runs in bfloat16.</summary>
    public static void AdaptersToFloat32(nn.Module model)
    {
        foreach (var layer in LoraLayers(model)) layer.AdaptersTo(ScalarType.Float32);
    }

    /// <summary>Fresh adapters (A random, B zero) drawn layer by layer, in module order, from one generator seeded
    /// with <paramref name="seed"/>; nothing else in the process can shift the draws.</summary>
    public static void ResetAdapters(nn.Module model, long seed)
    {
        using var rng = new Generator(unchecked((ulong)seed));
        foreach (var layer in LoraLayers(model)) layer.ResetAdapter(rng);
    }

    public static IEnumerable<LoraLinear> LoraLayers(nn.Module model) =>
        model.modules().OfType<LoraLinear>();

    public static void MergeAll(nn.Module model) { foreach (var l in LoraLayers(model)) l.Merge(); }
    public static void UnmergeAll(nn.Module model) { foreach (var l in LoraLayers(model)) l.Unmerge(); }
    public static void SetDisabled(nn.Module model, bool disabled) { foreach (var l in LoraLayers(model)) l.Disabled = disabled; }
}
