namespace Rait.Server.Tests.Support;

/// <summary>Requests with equal keys can share one Generate call.</summary>
/// <remarks>The seed is not part of the key: each request's prompts get their own seeds (PromptSeeds), and every
/// sequence draws from its own stream, so batch mates never change a seeded request's text.</remarks>
internal sealed record SamplingKey(int MaxNewTokens, double Temperature, int TopK, double TopP, int NumSamples, string Stops)
{
    public static SamplingKey Of(GenerationRequest r)
    {
        var o = r.Sampling;
        return new SamplingKey(o.MaxNewTokens, o.Temperature, o.TopK, o.TopP, o.NumSamples,
            string.Join('\u0001', o.StopStrings) + '\u0002' + string.Join(',', o.StopTokenIds));
    }
}
