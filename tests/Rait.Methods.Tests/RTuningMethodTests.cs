using Rait.Core;
using Rait.Methods.Options;
using Rait.Methods.RTuning;

namespace Rait.Methods.Tests;

public class RTuningMethodTests
{
    private const string P = "Are you sure you accurately answered the question based on your internal knowledge?";

    [Fact]
    public void Build_Unsure_PadsGoldAnswerWithSureOrUnsureByGreedyCorrectness()
    {
        var r = MethodFactory.Create(new RTuningOptions()).Build(Probes.Input(
            Probes.Open("a", 0.9, answer: "Paris", greedyCorrect: true), Probes.Open("b", 0.9, answer: "Rome.", greedyCorrect: false)));
        var a = r.Examples.Single(e => e.SourceId == "a");
        a.Prompt.ShouldBe("Question: Question a? Answer:");
        a.Answer.ShouldBe($"Paris. {P} I am sure.");
        a.Reason.ShouldBe("certain:sure");
        var b = r.Examples.Single(e => e.SourceId == "b");
        b.Answer.ShouldBe($"Rome. {P} I am unsure."); // no doubled period
        b.Reason.ShouldBe("uncertain:unsure");
    }

    [Fact]
    public void Build_UnknownMode_ReplacesUnknownWithPaperRefusalSentence()
    {
        var r = MethodFactory.Create(new RTuningOptions { Mode = RTuningMode.Unknown }).Build(Probes.Input(
            Probes.Open("a", 0.9, answer: "Paris", greedyCorrect: true), Probes.Open("b", 0.9, greedyCorrect: false)));
        r.Examples.Single(e => e.SourceId == "a").Answer.ShouldBe("Paris.");
        var refusal = r.Examples.Single(e => e.SourceId == "b").Answer;
        RTuningTexts.PaperRefusals.ShouldContain(refusal);
        r.Examples.Single(e => e.SourceId == "b").Reason.ShouldBe("unknown:refuse");
    }

    [Fact]
    public void RefusalLists_DifferOnlyInTheDocumentedSentence()
    {
        RTuningTexts.CodeRefusals.Count.ShouldBe(16);
        RTuningTexts.PaperRefusals.Count.ShouldBe(16);
        RTuningTexts.PaperRefusals.Except(RTuningTexts.CodeRefusals).ShouldBe(["We do not know."]);
        RTuningTexts.CodeRefusals.Except(RTuningTexts.PaperRefusals).ShouldBe(["I do not know the answer."]);
    }

    [Fact]
    public void Build_CertaintyByMu_UsesThreshold()
    {
        var o = new RTuningOptions { Mode = RTuningMode.Unknown, Certainty = RTuningCertainty.Mu, RefusalSet = RTuningRefusalSet.Single, SingleRefusal = "I don't know." };
        var r = MethodFactory.Create(o).Build(Probes.Input(Probes.Open("a", 0.5), Probes.Open("b", 0.4)));
        r.Examples.Single(e => e.SourceId == "a").Reason.ShouldBe("known:keep");
        r.Examples.Single(e => e.SourceId == "b").Answer.ShouldBe("I don't know.");
    }

    [Fact]
    public void Build_UncertainMode_HigherEntropyHalfIsUnsure()
    {
        var r = MethodFactory.Create(new RTuningOptions { Mode = RTuningMode.Uncertain }).Build(Probes.Input(
            Probes.Open("same", 0.0, samples: ["x", "X ", "x", "x"]),        // u = 0
            Probes.Open("two", 0.0, samples: ["x", "y", "x", "y"]),          // u = ln 2
            Probes.Open("four", 0.0, samples: ["a", "b", "c", "d"]),         // u = ln 4
            Probes.Open("three", 0.0, samples: ["a", "a", "b", "c"])));      // u = 1.04
        Probes.Ids(r, "certain:sure").ShouldBe(["same", "two"]);
        Probes.Ids(r, "uncertain:unsure").ShouldBe(["four", "three"]);
    }

    [Fact]
    public void AnswerEntropy_MatchesHandValue() =>
        RTuningMethod.AnswerEntropy(["a", "a", "b", "c"]).ShouldBe(-(0.5 * Math.Log(0.5) + 2 * 0.25 * Math.Log(0.25)), 1e-12);

    [Fact]
    public void Build_GreedyMissing_ThrowsUnlessMcLetterProbsDecide()
    {
        Should.Throw<RaitException>(() => MethodFactory.Create(new RTuningOptions()).Build(Probes.Input(Probes.Open("a", 0.9))))
            .Message.ShouldContain("greedy_correct");
        var mc = Probes.Mc("m", 0.4) with { LetterProbs = [0.1, 0.6, 0.2, 0.1] };
        var r = MethodFactory.Create(new RTuningOptions()).Build(Probes.Input(mc));
        r.Examples.Single().Answer.ShouldBe($"B. {P} I am sure.");
        r.Examples.Single().Prompt.ShouldStartWith("The following are multiple choice questions (with answers) about college biology.\n\nWhich is m?\nA. alpha");
    }

    [Fact]
    public void SureProbeFor_GivesPromptPrefixAndContinuations()
    {
        var probe = RTuningTexts.SureProbeFor("Question: q? Answer:", "Paris");
        probe.ShouldBe(new SureProbe("Question: q? Answer:", $"Paris. {P} I am", " sure.", " unsure."));
        // The trained text is exactly prefix + continuation.
        (probe.AssistantPrefix + probe.SureContinuation).ShouldBe(RTuningTexts.PaddedAnswer("Paris", sure: true));
        (probe.AssistantPrefix + probe.UnsureContinuation).ShouldBe(RTuningTexts.PaddedAnswer("Paris", sure: false));
    }
}
