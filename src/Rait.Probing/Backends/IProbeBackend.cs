namespace Rait.Probing.Backends;

/// <summary>Where probing gets its generations and letter probabilities: the in-process engine or an HTTP endpoint.</summary>
public interface IProbeBackend : IDisposable
{
    /// <summary>Identifies the model (and adapter, or endpoint + model name) behind the answers.</summary>
    string ModelFingerprint { get; }

    /// <summary>Greedy answer plus <see cref="OpenSampling.Samples"/> samples per query. Each query's samples
    /// depend only on its own seed, never on the other queries of the call.</summary>
    Task<IReadOnlyList<OpenGeneration>> GenerateAsync(IReadOnlyList<OpenQuery> queries, OpenSampling sampling, CancellationToken ct);

    /// <summary>log p(label | prompt) of each option label as the next token, per query (raw, not renormalised).</summary>
    Task<IReadOnlyList<double[]>> LetterLogProbsAsync(IReadOnlyList<LetterQuery> queries, CancellationToken ct);
}
