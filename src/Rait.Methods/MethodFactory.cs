using Rait.Core;
using Rait.Methods.Context;
using Rait.Methods.Cor;
using Rait.Methods.Craft;
using Rait.Methods.Grait;
using Rait.Methods.Options;
using Rait.Methods.RTuning;
using Rait.Methods.Van;

namespace Rait.Methods;

/// <summary>Resolves options to their method once, by type.</summary>
public static class MethodFactory
{
    /// <summary>Validates <paramref name="options"/> and creates the matching method.</summary>
    /// <exception cref="RaitException">All validation errors, one per line, with key paths.</exception>
    public static IRaitMethod Create(MethodOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new RaitException("invalid method options:\n  " + string.Join("\n  ", errors));
        return options switch
        {
            VanOptions o => new VanTuningMethod(o),
            CorOptions o => new CorRaitMethod(o),
            RTuningOptions o => new RTuningMethod(o),
            CraftOptions o => new CraftMethod(o),
            GraitOptions o => new GraitMethod(o),
            ContextRefusalOptions o => new ContextRefusalMethod(o),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.GetType().Name, "unknown options type"),
        };
    }
}
