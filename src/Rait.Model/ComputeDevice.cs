using Rait.Core;
using static TorchSharp.torch;

namespace Rait.Model;

/// <summary>
/// Reads a device setting (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>) the way every model-loading
/// command and config spells it. <c>auto</c> picks CUDA when TorchSharp reports it, else the CPU.
/// </summary>
public static class ComputeDevice
{
    public const string Auto = "auto";

    /// <param name="spec">The setting; null or empty means <c>auto</c>.</param>
    /// <param name="field">Where the setting came from (<c>--device</c>, <c>device</c> in a config), named in errors.</param>
    /// <exception cref="RaitException">A malformed setting, or CUDA asked for where TorchSharp has none.</exception>
    public static Device Resolve(string? spec, string field = "--device")
    {
        var parsed = Parse(spec) ?? throw new RaitException(Expected(spec, field));
        if (parsed.Auto) return cuda.is_available() ? CUDA : CPU;
        if (parsed.CudaIndex is not { } index) return CPU;
        if (!cuda.is_available())
            throw new RaitException($"{field}: \"{spec}\" asked for, but TorchSharp reports no CUDA device. This build ships the CPU runtime package; README.md, 'Running on a GPU', says how to switch to the CUDA one.");
        int count = cuda.device_count();
        if (index >= count)
            throw new RaitException($"{field}: \"{spec}\" asked for, but TorchSharp reports {count} CUDA device{(count == 1 ? "" : "s")} (cuda:0{(count > 1 ? $" … cuda:{count - 1}" : "")}).");
        return new Device(TorchSharp.DeviceType.CUDA, index);
    }

    /// <summary>Checks a setting's spelling without touching any device (for config validation).</summary>
    public static string? Problem(string? spec, string field) => Parse(spec) is null ? Expected(spec, field) : null;

    /// <returns>null when malformed; CudaIndex null for the CPU.</returns>
    private static (bool Auto, int? CudaIndex)? Parse(string? spec)
    {
        var s = (spec ?? Auto).Trim().ToLowerInvariant();
        if (s is "" or Auto) return (true, null);
        if (s == "cpu") return (false, null);
        if (s == "cuda") return (false, 0);
        if (s.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(s.AsSpan(5), out var n) && n >= 0) return (false, n);
        return null;
    }

    private static string Expected(string? spec, string field) => $"{field}: expected auto, cpu, cuda or cuda:N, got \"{spec}\".";
}
