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
        var s = (spec ?? Auto).Trim().ToLowerInvariant();
        if (s is "" or Auto) return cuda.is_available() ? CUDA : CPU;
        if (s == "cpu") return CPU;
        if (s != "cuda" && !s.StartsWith("cuda:", StringComparison.Ordinal))
            throw new RaitException($"{field}: expected auto, cpu, cuda or cuda:N, got \"{spec}\".");
        int index = 0;
        if (s.Length > 4 && (!int.TryParse(s.AsSpan(5), out index) || index < 0))
            throw new RaitException($"{field}: expected cuda:N with N a device number (0, 1, ...), got \"{spec}\".");
        if (!cuda.is_available())
            throw new RaitException($"{field}: \"{spec}\" asked for, but TorchSharp reports no CUDA device. This build ships the CPU runtime package; README.md, 'Running on a GPU', says how to switch to the CUDA one.");
        int count = cuda.device_count();
        if (index >= count)
            throw new RaitException($"{field}: \"{spec}\" asked for, but TorchSharp reports {count} CUDA device{(count == 1 ? "" : "s")} (cuda:0{(count > 1 ? $" … cuda:{count - 1}" : "")}).");
        return new Device(TorchSharp.DeviceType.CUDA, index);
    }

    /// <summary>Checks a setting's spelling without touching any device (for config validation).</summary>
    public static string? Problem(string? spec, string field)
    {
        var s = (spec ?? Auto).Trim().ToLowerInvariant();
        if (s is "" or Auto or "cpu" or "cuda") return null;
        if (s.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(s.AsSpan(5), out var n) && n >= 0) return null;
        return $"{field}: expected auto, cpu, cuda or cuda:N, got \"{spec}\"";
    }
}
