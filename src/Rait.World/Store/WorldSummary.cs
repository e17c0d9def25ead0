using Rait.World.Corpus;
using Rait.World.Qa;

namespace Rait.World.Store;

/// <summary>Headline numbers of a world, for the CLI and the bench notes.</summary>
public sealed record WorldSummary
{
    public required string ConfigHash { get; init; }
    public required int People { get; init; }
    public required int NeverAppear { get; init; }
    public required int Quizzed { get; init; }
    public required int Facts { get; init; }
    /// <summary>Index k = number of facts with exposure k.</summary>
    public required IReadOnlyList<int> ExposureHistogram { get; init; }
    public required int BioDocuments { get; init; }
    public required int QaDocuments { get; init; }
    /// <summary>Tokens per pretraining epoch (documents plus separators).</summary>
    public required int CorpusTokens { get; init; }
    public required int Epochs { get; init; }
    public required int VocabularySize { get; init; }
    /// <summary>Open-ended items per split (MC has the same counts).</summary>
    public required IReadOnlyDictionary<string, int> QuestionsPerSplit { get; init; }
    public required int Contexts { get; init; }

    public static WorldSummary From(WorldArtifacts a) => new()
    {
        ConfigHash = a.World.ConfigHash,
        People = a.World.People.Count,
        NeverAppear = a.World.People.Count(p => p.NeverAppears),
        Quizzed = a.World.People.Count(p => p.Quizzed),
        Facts = a.World.AllFacts().Count(),
        ExposureHistogram = a.World.ExposureHistogram(),
        BioDocuments = a.Corpus.Documents.Count(d => d.Kind == CorpusDocumentKind.Bio),
        QaDocuments = a.Corpus.Documents.Count(d => d.Kind == CorpusDocumentKind.Qa),
        CorpusTokens = a.Corpus.TokensPerEpoch(),
        Epochs = a.Corpus.Plan.Epochs,
        VocabularySize = a.Vocabulary.Count,
        QuestionsPerSplit = WorldSplits.All.ToDictionary(s => s, s => a.Qa.Open[s].Count),
        Contexts = a.Contexts.Count,
    };
}
