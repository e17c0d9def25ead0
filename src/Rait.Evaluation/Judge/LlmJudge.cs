using Rait.Core;
using Rait.Core.Endpoints;

namespace Rait.Evaluation.Judge;

/// <summary>
/// Asks a model behind any OpenAI-compatible endpoint to grade answers as correct, wrong or refused, with the
/// prompt of <see cref="JudgePrompt"/> and the strict parser of <see cref="JudgeReplyParser"/>.
/// </summary>
/// <remarks>Requests go out together; the client's concurrency limit decides how many are in flight.</remarks>
public sealed class LlmJudge
{
    private readonly OpenAiClient _client;
    private readonly string _model;
    private readonly JudgeOptions _options;

    /// <param name="client">Client for the judge's endpoint (not owned: the caller disposes it).</param>
    /// <param name="model">Model name sent in each request.</param>
    /// <exception cref="RaitException">Empty model name or invalid options (all problems listed).</exception>
    public LlmJudge(OpenAiClient client, string model, JudgeOptions options)
    {
        var errors = options.Validate().ToList();
        if (string.IsNullOrWhiteSpace(model)) errors.Add("judge.model: expected a model name, got an empty string.");
        if (errors.Count > 0) throw new RaitException("invalid judge options: " + string.Join(" ", errors));
        _client = client;
        _model = model;
        _options = options;
    }

    /// <summary>One verdict per item, in item order.</summary>
    /// <exception cref="RaitException">The endpoint failed for good (after the client's retries).</exception>
    public async Task<IReadOnlyList<JudgeVerdict>> JudgeAsync(IReadOnlyList<JudgeItem> items, CancellationToken ct = default)
    {
        var tasks = items.Select(item => OneAsync(item, ct)).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<JudgeVerdict> OneAsync(JudgeItem item, CancellationToken ct)
    {
        var choices = await _client.ChatAsync(new ChatCompletionRequest
        {
            Model = _model, Messages = JudgePrompt.Messages(item), N = 1, Temperature = _options.Temperature,
            Seed = _options.Seed, MaxTokens = _options.MaxTokens,
        }, ct).ConfigureAwait(false);
        // A server that returns no choice gave no verdict: that is an unparsed reply, not an error.
        var reply = choices.Count == 0 ? "" : choices[0].Text;
        return new JudgeVerdict(item.Id, JudgeReplyParser.Parse(reply), reply);
    }
}
