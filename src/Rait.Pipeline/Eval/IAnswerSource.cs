using Rait.Data.Adapters;

namespace Rait.Pipeline.Eval;

/// <summary>Where evaluation answers come from: the in-process model or an OpenAI-compatible endpoint.</summary>
public interface IAnswerSource : IDisposable
{
    /// <summary>Greedy answers for every item, in item order; <paramref name="advanced"/> receives the count finished after each batch.</summary>
    IReadOnlyList<GeneratedAnswer> Answer(IReadOnlyList<DataItem> items, IReadOnlyList<string> userTurns, Action<int>? advanced, CancellationToken ct);
}
