using Rait.Core.Random;

namespace Rait.Model.Generation;

/// <summary>One sequence of a <see cref="ContinuousBatch"/>: its prompt, its own decoding options and what it generated.</summary>
public sealed class BatchRow
{
    private readonly List<int> _tokens = [];
    private readonly List<float> _logProbs = [];

    internal BatchRow(IReadOnlyList<int> prompt, SamplingOptions options, SplitMix64? stream, int topLogprobs)
    {
        Prompt = prompt;
        Options = options;
        Stream = stream;
        TopLogprobs = topLogprobs;
        if (options.RepetitionPenalty != 1.0) Seen = [.. prompt];
    }

    public IReadOnlyList<int> Prompt { get; }
    public SamplingOptions Options { get; }
    /// <summary>Alternatives reported per generated token (0 = none).</summary>
    public int TopLogprobs { get; }
    public IReadOnlyList<int> Tokens => _tokens;
    /// <summary>Log-probability of each generated token under the model (before temperature and masking).</summary>
    public IReadOnlyList<float> LogProbs => _logProbs;
    /// <summary>Null while the row still decodes.</summary>
    public FinishReason? Finish { get; private set; }

    /// <summary>Draws one uniform per step for sampling; null when greedy.</summary>
    internal SplitMix64? Stream { get; }
    /// <summary>Token ids already in prompt or output, kept only for the repetition penalty.</summary>
    internal HashSet<int>? Seen { get; }

    /// <summary>Appends a token and applies the stop rules (stop ids, stop strings, max tokens, context).</summary>
    internal void Append(int token, float logProb, int context, Func<IReadOnlyList<int>, string>? decode)
    {
        _tokens.Add(token);
        _logProbs.Add(logProb);
        Seen?.Add(token);
        if (Options.StopTokenIds.Contains(token)) Finish = FinishReason.Stop;
        else if (Options.StopStrings.Count > 0 && decode is not null
                 && Options.StopStrings.Any(decode(_tokens).Contains)) Finish = FinishReason.Stop;
        // The next forward would put the new token at position prompt + tokens − 1, which must lie inside the context.
        else if (_tokens.Count >= Options.MaxNewTokens || Prompt.Count + _tokens.Count > context) Finish = FinishReason.Length;
    }

    public GeneratedSequence ToSequence(int promptIndex, int sampleIndex) =>
        new(promptIndex, sampleIndex, _tokens, _logProbs, Finish ?? FinishReason.Length);
}

/// <summary>The token a row produced in one step, with its log-prob and the top alternatives it asked for.</summary>
/// <param name="Finish">Set when this token ended the row.</param>
public sealed record RowToken(BatchRow Row, int TokenId, float LogProb, IReadOnlyList<int> TopIds, IReadOnlyList<float> TopLogProbs, FinishReason? Finish);
