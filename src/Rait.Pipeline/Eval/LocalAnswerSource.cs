using Rait.Data.Adapters;
using Rait.Model;

namespace Rait.Pipeline.Eval;

/// <summary>Answers from a loaded model, which this source owns and disposes.</summary>
public sealed class LocalAnswerSource(LanguageModel model, EvalConfig config) : IAnswerSource
{
    public IReadOnlyList<GeneratedAnswer> Answer(IReadOnlyList<DataItem> items, IReadOnlyList<string> userTurns, Action<int>? advanced, CancellationToken ct) =>
        new AnswerGenerator(model, config).Answer(items, userTurns, advanced, ct);

    public void Dispose() => model.Dispose();
}
