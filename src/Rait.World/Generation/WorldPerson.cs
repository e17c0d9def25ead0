using System.Text.Json.Serialization;

namespace Rait.World.Generation;

/// <summary>A fictional person and their facts, in catalog attribute order.</summary>
public sealed record WorldPerson
{
    /// <summary>Stable id, "p0001"...</summary>
    public required string Id { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    /// <summary>True when the person never occurs in the corpus (all exposures 0).</summary>
    public required bool NeverAppears { get; init; }
    /// <summary>True when some of the person's facts appear as question-answer text in the corpus.</summary>
    public required bool Quizzed { get; init; }
    public required PersonPartition Partition { get; init; }
    public required IReadOnlyList<WorldFact> Facts { get; init; }

    [JsonIgnore] public string Name => FirstName + " " + LastName;
}
