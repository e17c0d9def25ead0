namespace Rait.Core.Endpoints;

/// <summary>One returned choice of a chat or text completion.</summary>
/// <param name="LogProbs">Per-token log-probs when requested and returned, else empty.</param>
/// <param name="TextOffsets">Text completions only: character offset of each token (echo scoring).</param>
public sealed record CompletionChoice(int Index, string Text, string? FinishReason, IReadOnlyList<TokenLogProb> LogProbs, IReadOnlyList<int> TextOffsets);
