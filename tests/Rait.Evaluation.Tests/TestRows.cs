using Rait.Evaluation;

namespace Rait.Evaluation.Tests;

/// <summary>Builds evaluation rows with given outcome counts, ids q0..qN-1 in outcome order.</summary>
internal static class TestRows
{
    public static List<EvalRow> Make(int correct, int wrong, int refused, int failParse = 0, string? subject = null)
    {
        var outcomes = Enumerable.Repeat(Outcome.Correct, correct)
            .Concat(Enumerable.Repeat(Outcome.Wrong, wrong))
            .Concat(Enumerable.Repeat(Outcome.Refused, refused))
            .Concat(Enumerable.Repeat(Outcome.FailParse, failParse));
        return outcomes.Select((o, i) => new EvalRow { Id = $"{subject}q{i}", Outcome = o, Subject = subject }).ToList();
    }
}
