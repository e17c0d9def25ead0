using Rait.Model.Generation;

namespace Rait.Server;

/// <summary>Prompts (already tokenized and checked against the context) and how to decode them.</summary>
/// <param name="Sampling">Decoding options; MaxNewTokens 0 means score only (echo without generation). Its Seed is ignored: see <paramref name="Seed"/>.</param>
/// <param name="Seed">The client's seed; null lets the engine pick one per batch, so unseeded requests can share a batch.</param>
/// <param name="Logprobs">Which log-probs to compute.</param>
public sealed record GenerationRequest(IReadOnlyList<IReadOnlyList<int>> Prompts, SamplingOptions Sampling, long? Seed, LogprobRequest Logprobs);
