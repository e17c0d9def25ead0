using System.Text.Json.Serialization;

namespace Rait.Methods.Options;

/// <summary>
/// Options of one RAIT method. A closed hierarchy (constructor is private to this assembly),
/// resolved by <see cref="MethodFactory.Create"/> with an exhaustive type switch.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "method")]
[JsonDerivedType(typeof(VanOptions), "van")]
[JsonDerivedType(typeof(CorOptions), "cor")]
[JsonDerivedType(typeof(RTuningOptions), "rtuning")]
[JsonDerivedType(typeof(CraftOptions), "craft")]
[JsonDerivedType(typeof(GraitOptions), "grait")]
[JsonDerivedType(typeof(ContextRefusalOptions), "context")]
public abstract record MethodOptions
{
    private protected MethodOptions() { }

    /// <summary>Seed of every random draw and of the final shuffle.</summary>
    public long Seed { get; init; }
    public ShortfallPolicy OnShortfall { get; init; } = ShortfallPolicy.Error;
    /// <summary>Shuffle the final set (CRaFT and GRAIT write a pre-shuffled file; the trainer may not shuffle).</summary>
    public bool ShuffleOutput { get; init; } = true;
    public PromptOptions Prompt { get; init; } = new();

    /// <summary>Every problem with these options, each prefixed by its key path; empty when valid.</summary>
    public abstract IReadOnlyList<string> Validate();

    private protected IEnumerable<string> ValidateCommon(string path) => Prompt.Validate($"{path}.prompt");
}
