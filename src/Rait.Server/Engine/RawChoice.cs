using Rait.Model.Generation;

namespace Rait.Server.Engine;

/// <summary>Engine-thread output for one choice, before token texts are decoded on the request's thread.</summary>
internal sealed record RawChoice(int PromptIndex, int SampleIndex, string Text, IReadOnlyList<int> TokenIds, FinishReason Finish,
    IReadOnlyList<int> PromptIds, IReadOnlyList<PositionLogprobs>? Completion, IReadOnlyList<PositionLogprobs>? Prompt);
