namespace Rait.World.Generation;

/// <summary>
/// One (person, attribute) fact with its ground truth: how many times it occurs in the pretraining corpus
/// (<see cref="Exposure"/> = <see cref="BioMentions"/> + <see cref="QaMentions"/>).
/// </summary>
public sealed record WorldFact
{
    public required string Attribute { get; init; }
    public required string Value { get; init; }
    public required int Exposure { get; init; }
    /// <summary>Biography sentences mentioning the fact.</summary>
    public required int BioMentions { get; init; }
    /// <summary>Question-answer documents stating the fact (0 or 1; quizzed people only).</summary>
    public required int QaMentions { get; init; }
    /// <summary>A conflicting value some biography mentions state instead of <see cref="Value"/>, if any.</summary>
    public string? RivalValue { get; init; }
    /// <summary>Biography mentions (of <see cref="BioMentions"/>) that state <see cref="RivalValue"/>; always fewer than half of <see cref="Exposure"/>.</summary>
    public int RivalMentions { get; init; }
    /// <summary>Template id of the question phrasing used in the corpus QA document, if any.</summary>
    public string? QaTemplate { get; init; }
}
