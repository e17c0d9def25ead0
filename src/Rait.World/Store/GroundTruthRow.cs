using Rait.World.Generation;

namespace Rait.World.Store;

/// <summary>
/// One line of ground_truth.jsonl: a fact and how often the corpus states it. The pretrain step fills
/// <see cref="BaseGreedyCorrect"/> and <see cref="BaseGreedyAnswer"/> for the base model.
/// </summary>
public sealed record GroundTruthRow
{
    public required string Person { get; init; }
    public required string Name { get; init; }
    public required string Attribute { get; init; }
    public required string Value { get; init; }
    public required int Exposure { get; init; }
    public required int BioMentions { get; init; }
    public required int QaMentions { get; init; }
    public required bool Quizzed { get; init; }
    public required PersonPartition Partition { get; init; }
    /// <summary>True when the attribute is held out (asked only in the OOD test).</summary>
    public required bool HeldOutAttribute { get; init; }
    public string? QaTemplate { get; init; }
    /// <summary>The conflicting value the corpus states in <see cref="RivalMentions"/> biography mentions, if any.</summary>
    public string? RivalValue { get; init; }
    public int RivalMentions { get; init; }
    public bool? BaseGreedyCorrect { get; init; }
    public string? BaseGreedyAnswer { get; init; }
}
