using Rait.Core;
using Rait.Core.Endpoints;
using Rait.Core.Records;
using Rait.Data.Adapters;

namespace Rait.Pipeline.Eval;

/// <summary>
/// Greedy answers from an OpenAI-compatible server: chat completions (or completions with <c>chat = false</c>) at
/// temperature 0 with token logprobs, so answer confidence is the same geometric mean as in process.
/// </summary>
/// <remarks>R-Tuning's P(sure) scores two fixed continuations by likelihood, which chat endpoints cannot do;
/// confidence "sure" and "combined" are refused rather than approximated.</remarks>
public sealed class EndpointAnswerSource : IAnswerSource
{
    /// <summary>OpenAI accepts at most four stop strings; any others are applied here after the fact.</summary>
    private const int MaxServerStops = 4;
    private readonly EndpointModel _model;
    private readonly EvalConfig _config;
    private readonly OpenAiClient _client;

    /// <exception cref="RaitException">A confidence score that needs local scoring.</exception>
    public EndpointAnswerSource(EndpointModel model, EvalConfig config)
    {
        if (config.Confidence is ConfidenceScore.Sure or ConfidenceScore.Combined)
            throw new RaitException($"confidence = \"{config.Confidence.ToString().ToLowerInvariant()}\": R-Tuning's P(sure) needs local weights; with an endpoint model use \"answer\" or \"none\".");
        (_model, _config, _client) = (model, config, model.Client());
    }

    public IReadOnlyList<GeneratedAnswer> Answer(IReadOnlyList<DataItem> items, IReadOnlyList<string> userTurns, Action<int>? advanced, CancellationToken ct)
    {
        var answers = new GeneratedAnswer[items.Count];
        foreach (var batch in Enumerable.Range(0, items.Count).Chunk(_config.BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var done = Task.WhenAll(batch.Select(i => OneAsync(userTurns[i], EvalItems.IsChoice(items[i]) ? _config.MaxNewTokensMc : _config.MaxNewTokensOpen, ct)))
                .GetAwaiter().GetResult();
            for (int k = 0; k < batch.Length; k++) answers[batch[k]] = done[k];
            advanced?.Invoke(batch.Length);
        }
        return answers;
    }

    private async Task<GeneratedAnswer> OneAsync(string turn, int budget, CancellationToken ct)
    {
        var stops = _config.StopStrings.Count == 0 ? null : _config.StopStrings.Take(MaxServerStops).ToList();
        var system = _config.Prompt.System;
        var choices = _config.Chat
            ? await _client.ChatAsync(new ChatCompletionRequest
            {
                Model = _model.Name, Temperature = 0, MaxTokens = budget, Stop = stops, LogProbs = true,
                Messages = [.. system is null ? [] : new[] { ChatMessage.System(system) }, ChatMessage.User(turn)],
            }, ct).ConfigureAwait(false)
            : await _client.CompleteAsync(new CompletionRequest
            {
                Model = _model.Name, Prompt = system is null ? turn : system + "\n\n" + turn, Temperature = 0, MaxTokens = budget, Stop = stops, LogProbs = 1,
            }, ct).ConfigureAwait(false);
        var choice = choices.FirstOrDefault() ?? throw new RaitException($"{_model.Endpoint}: the server returned no choice for model \"{_model.Name}\".");
        var text = choice.Text;
        foreach (var stop in _config.StopStrings)
            if (text.IndexOf(stop, StringComparison.Ordinal) is var at and >= 0) text = text[..at];
        var logProbs = choice.LogProbs.Where(t => t.LogProb is not null).Select(t => t.LogProb!.Value).ToList();
        return new GeneratedAnswer(text, logProbs.Count == 0 ? 0 : Math.Exp(logProbs.Average()), null);
    }

    public void Dispose() => _client.Dispose();
}
