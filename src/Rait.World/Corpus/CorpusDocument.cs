namespace Rait.World.Corpus;

/// <summary>One pretraining document (a line of corpus.jsonl). Each document is about one person.</summary>
public sealed record CorpusDocument
{
    public required string Id { get; init; }
    public required CorpusDocumentKind Kind { get; init; }
    /// <summary>Id of the person the document is about.</summary>
    public required string Person { get; init; }
    public required string Text { get; init; }
}
