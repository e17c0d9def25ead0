namespace Rait.Probing.Certainty;

/// <summary>Turns sentences into vectors whose cosine measures semantic similarity.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Identifies the embedding model (goes into the prompt fingerprint).</summary>
    string Fingerprint { get; }

    /// <summary>One vector per text, in order.</summary>
    IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts);
}
