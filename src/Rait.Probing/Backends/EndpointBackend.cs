using System.Security.Cryptography;
using System.Text;
using Rait.Core.Endpoints;

namespace Rait.Probing.Backends;

/// <summary>
/// Any OpenAI-compatible server (vLLM, llama.cpp, ...). Open-ended: one greedy request with logprobs and
/// one sampling request with n = N and the question's seed; servers that return fewer choices (llama.cpp
/// allows n = 1 only) get the missing samples one request each, seeded per sample. Chat prompts go to
/// chat completions, plain prompts and multiple choice to completions (top-5 logprobs of the next token).
/// </summary>
/// <remarks>Determinism under a seed is only as good as the server's seed support.</remarks>
/// <param name="fingerprint">What the server reports about the model (see <see cref="EndpointModel.Fingerprint"/>); by default URL and name only.</param>
public sealed class EndpointBackend(OpenAiClient client, string baseUrl, string model, string? fingerprint = null) : IProbeBackend
{
    /// <summary>OpenAI accepts at most four stop strings; any others are applied here after the fact.</summary>
    private const int MaxServerStops = 4;

    public string ModelFingerprint { get; } = fingerprint ??
        "endpoint-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(baseUrl.TrimEnd('/') + "\n" + model)))[..12].ToLowerInvariant();

    public async Task<IReadOnlyList<OpenGeneration>> GenerateAsync(IReadOnlyList<OpenQuery> queries, OpenSampling s, CancellationToken ct)
    {
        var stops = s.Chat ? s.StopStrings : [.. s.StopStrings, "\n"];
        var tasks = queries.Select(q => OneAsync(q, s, stops, ct)).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<OpenGeneration> OneAsync(OpenQuery q, OpenSampling s, IReadOnlyList<string> stops, CancellationToken ct)
    {
        var greedyTask = RequestAsync(q, s, stops, n: 1, temperature: 0, seed: QuestionSeeds.ForEndpoint(q.Seed), logprobs: true, ct);
        var samples = (await RequestAsync(q, s, stops, s.Samples, s.Temperature, QuestionSeeds.ForEndpoint(q.Seed), logprobs: false, ct).ConfigureAwait(false)).ToList();
        for (int j = samples.Count; j < s.Samples; j++)
            samples.AddRange(await RequestAsync(q, s, stops, 1, s.Temperature, QuestionSeeds.ForEndpoint(QuestionSeeds.ForSample(q.Seed, j)), false, ct).ConfigureAwait(false));
        var greedy = (await greedyTask.ConfigureAwait(false)).FirstOrDefault() ?? new CompletionChoice(0, "", null, [], []);
        return new OpenGeneration(Cut(greedy.Text, stops), greedy.LogProbs.Where(t => t.LogProb is not null).Select(t => (float)t.LogProb!.Value).ToList(),
            samples.Take(s.Samples).Select(c => Cut(c.Text, stops)).ToList());
    }

    private Task<IReadOnlyList<CompletionChoice>> RequestAsync(OpenQuery q, OpenSampling s, IReadOnlyList<string> stops, int n, double temperature, long seed, bool logprobs, CancellationToken ct)
    {
        var serverStops = stops.Count == 0 ? null : stops.Take(MaxServerStops).ToList();
        double? topP = s.TopP < 1 && temperature > 0 ? s.TopP : null;
        return s.Chat
            ? client.ChatAsync(new ChatCompletionRequest
            {
                Model = model, Messages = q.Messages, N = n, Temperature = temperature, TopP = topP, Seed = seed,
                MaxTokens = s.MaxNewTokens, Stop = serverStops, LogProbs = logprobs ? true : null,
            }, ct)
            : client.CompleteAsync(new CompletionRequest
            {
                Model = model, Prompt = q.PlainPrompt, N = n, Temperature = temperature, TopP = topP, Seed = seed,
                MaxTokens = s.MaxNewTokens, Stop = serverStops, LogProbs = logprobs ? 1 : null,
            }, ct);
    }

    public async Task<IReadOnlyList<double[]>> LetterLogProbsAsync(IReadOnlyList<LetterQuery> queries, CancellationToken ct)
    {
        var tasks = queries.Select(async q =>
        {
            var choice = (await client.CompleteAsync(new CompletionRequest { Model = model, Prompt = q.Prompt, MaxTokens = 1, Temperature = 0, LogProbs = 5 }, ct)
                .ConfigureAwait(false)).FirstOrDefault();
            var top = choice?.LogProbs.FirstOrDefault()?.Top ?? new Dictionary<string, double>();
            // CRaFT reads " A"; a server may also return "A". A letter outside the top 5 has probability ~0.
            return q.Labels.Select(l => top.TryGetValue(" " + l, out var lp) ? lp : top.TryGetValue(l, out lp) ? lp : double.NegativeInfinity).ToArray();
        });
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static string Cut(string text, IReadOnlyList<string> stops)
    {
        foreach (var stop in stops)
        {
            int at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0) text = text[..at];
        }
        return text;
    }

    public void Dispose() => client.Dispose();
}
