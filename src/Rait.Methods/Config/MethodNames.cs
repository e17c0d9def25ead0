using System.Reflection;
using System.Text.Json.Serialization;
using Rait.Methods.Options;

namespace Rait.Methods.Config;

/// <summary>
/// The wire names of the methods (van, cor, rtuning, craft, grait, context), read from the
/// <see cref="JsonDerivedTypeAttribute"/>s of <see cref="MethodOptions"/> so the CLI flag, the config
/// discriminator and the serialised options can never disagree.
/// </summary>
public static class MethodNames
{
    private static readonly IReadOnlyList<(string Name, Type Type)> Derived = typeof(MethodOptions)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .Select(a => ((string)a.TypeDiscriminator!, a.DerivedType))
        .ToList();

    /// <summary>Every method name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Derived.Select(d => d.Name).ToList();

    /// <summary>The discriminator written for <paramref name="options"/>.</summary>
    public static string Of(MethodOptions options) => Derived.First(d => d.Type == options.GetType()).Name;

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
