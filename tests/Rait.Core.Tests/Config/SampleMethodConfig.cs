using System.Text.Json.Serialization;
using Rait.Core.Config;

namespace Rait.Core.Tests.Config;

/// <summary>A config holding a closed method hierarchy chosen by a "kind" key, as stage configs do.</summary>
public sealed record SampleMethodConfig : IValidatable
{
    public required string Model { get; init; }
    public SampleMethod Method { get; init; } = new SampleCraft();

    public IReadOnlyList<string> Validate() => [];
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SampleCraft), "craft")]
[JsonDerivedType(typeof(SampleRTuning), "rtuning")]
public abstract record SampleMethod;

public sealed record SampleCraft : SampleMethod
{
    public double Beta { get; init; } = 0.5;
}

public sealed record SampleRTuning : SampleMethod
{
    public double Threshold { get; init; } = 0.5;
}
