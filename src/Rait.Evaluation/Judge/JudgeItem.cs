namespace Rait.Evaluation.Judge;

/// <summary>One answer to be judged.</summary>
/// <param name="Id">Item id, carried into the verdict.</param>
/// <param name="GoldAnswers">Accepted answers; empty for an unanswerable question.</param>
/// <param name="ModelAnswer">The evaluated model's response, verbatim.</param>
public sealed record JudgeItem(string Id, string Question, IReadOnlyList<string> GoldAnswers, string ModelAnswer);
