using Rait.Core;
using Rait.Core.Records;
using Rait.Methods.Options;

namespace Rait.Methods.Tests;

public class ContextRefusalMethodTests
{
    private static ProbeRecord[] World(int n) => Enumerable.Range(0, n).Select(i =>
        Probes.Open($"p{i:D3}", mu: i % 2 == 0 ? 0.9 : 0.1, answer: $"City{i}",
            context: $"Person {i} was born in City{i} and works at Firm{i}.")).ToArray();

    [Fact]
    public void Build_Proportions_MatchSharesAndTargetsFollowContext()
    {
        var o = new ContextRefusalOptions { Total = 50, AnswerableShare = 0.4, UnanswerableShare = 0.4, NoContextShare = 0.2, Seed = 1 };
        var r = MethodFactory.Create(o).Build(Probes.Input(World(100)));
        r.Summary.ByReason["answerable:keep"].ShouldBe(20);
        r.Summary.ByReason["distractor:refuse"].ShouldBe(20);
        (r.Summary.ByReason.GetValueOrDefault("no_context:keep") + r.Summary.ByReason.GetValueOrDefault("no_context:refuse")).ShouldBe(10);
        r.Examples.Select(e => e.SourceId).Distinct().Count().ShouldBe(50); // each record used once
        foreach (var e in r.Examples)
        {
            int i = int.Parse(e.SourceId![1..]);
            switch (e.Reason)
            {
                case "answerable:keep": e.Prompt.ShouldContain($"City{i} "); e.Answer.ShouldBe($"City{i}"); break;
                case "distractor:refuse": e.Prompt.ShouldNotContain($"City{i} "); e.Prompt.ShouldContain($"Question p{i:D3}?"); e.Answer.ShouldBe("I don't know"); break;
                case "no_context:keep": e.Prompt.ShouldNotContain("Context:"); (i % 2).ShouldBe(0); e.Answer.ShouldBe($"City{i}"); break;
                case "no_context:refuse": (i % 2).ShouldBe(1); e.Answer.ShouldBe("I don't know"); break;
                default: throw new ShouldAssertException($"unexpected reason {e.Reason}");
            }
        }
    }

    [Fact]
    public void Build_OwnContextWithoutAnswer_IsUnanswerable()
    {
        var rows = new[]
        {
            Probes.Open("imp", 0.0, answer: "", context: "Some passage about rivers."),
            Probes.Open("ok", 0.9, answer: "Nile", context: "The Nile is long."),
        };
        var o = new ContextRefusalOptions { Total = 2, AnswerableShare = 0.5, UnanswerableShare = 0.5, NoContextShare = 0, UseDistractorContexts = false };
        var r = MethodFactory.Create(o).Build(Probes.Input(rows));
        r.Examples.Single(e => e.SourceId == "imp").Reason.ShouldBe("unanswerable:refuse");
        r.Examples.Single(e => e.SourceId == "ok").Reason.ShouldBe("answerable:keep");
        r.Examples.Single(e => e.SourceId == "ok").Prompt.ShouldBe(
            "Answer the question using only the context below. If the context does not contain the answer, only reply with 'I don't know'.\nContext: The Nile is long.\nQuestion: Question ok?");
    }

    [Fact]
    public void Build_NoContexts_Throws() =>
        Should.Throw<RaitException>(() => MethodFactory.Create(new ContextRefusalOptions()).Build(Probes.Input(Probes.Open("a", 1))))
            .Message.ShouldContain("no row has a 'context'");

    [Fact]
    public void Validate_SharesNotSummingToOne_IsRejected() =>
        Should.Throw<RaitException>(() => MethodFactory.Create(new ContextRefusalOptions { AnswerableShare = 0.9 }))
            .Message.ShouldContain("shares must sum to 1");
}
