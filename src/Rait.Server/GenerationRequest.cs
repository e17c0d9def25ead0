using Rait.Model.Generation;

namespace Rait.Server;

/// <summary>Prompts (already tokenized and checked against the context) and how to decode them.</summary>
/// <param name="Sampling">Decoding options; MaxNewTokens 0 means score only (echo without generation). Its Seed and
/// PromptSeeds are ignored: see <paramref name="Seed"/>.</param>
/// <param name="Seed">The client's seed; null lets the engine pick one. Every request draws from its own seeded streams,
/// so a seeded request gives the same text alone or batched with others.</param>
/// <param name="Logprobs">Which log-probs to compute.</param>
public sealed record GenerationRequest(IReadOnlyList<IReadOnlyList<int>> Prompts, SamplingOptions Sampling, long? Seed, LogprobRequest Logprobs)
{
    /// <summary>Live tokens for streaming: called on the engine thread as each token is decoded, the last one of a choice
    /// with its finish reason. It must return quickly (hand the token to a channel); null = not streamed.</summary>
    public LiveToken? OnToken { get; init; }
}
