using Rait.Model.Generation;

namespace Rait.Server.Engine;

/// <summary>Requests with equal keys can share one Generate call.</summary>
/// <remarks>Seeded sampling is never shared: the batch draws from one generator, so a seeded request would give
/// different text depending on its batch mates. Greedy decoding ignores the seed and batches freely.</remarks>
internal sealed record SamplingKey(int MaxNewTokens, double Temperature, int TopK, double TopP, int NumSamples, string Stops, object? Solo)
{
    public static SamplingKey Of(GenerationRequest r)
    {
        var o = r.Sampling;
        bool solo = r.Seed is not null && !o.Greedy;
        return new SamplingKey(o.MaxNewTokens, o.Temperature, o.TopK, o.TopP, o.NumSamples,
            string.Join('\u0001', o.StopStrings) + '\u0002' + string.Join(',', o.StopTokenIds), solo ? new object() : null);
    }
}
