using Rait.Model.Generation;

namespace Rait.Server;

/// <summary>One generated continuation as the endpoints render it.</summary>
/// <param name="Pieces">Text of each generated token in context; they concatenate to the decoded completion (used for streaming).</param>
/// <param name="CompletionLogprobs">Per generated token, when requested.</param>
/// <param name="PromptLogprobs">Per prompt token (the first with a null log-prob), when requested.</param>
public sealed record GeneratedChoice(int PromptIndex, int SampleIndex, string Text, IReadOnlyList<int> TokenIds, IReadOnlyList<string> Pieces,
    FinishReason Finish, IReadOnlyList<TokenLogprobInfo>? CompletionLogprobs, IReadOnlyList<TokenLogprobInfo>? PromptLogprobs);
