using Rait.Core.Io;
using Rait.Evaluation;
using Rait.Evaluation.Metrics;
using Rait.Methods.Options;
using Rait.Pipeline.Eval;

namespace Rait.Pipeline.Tests.Eval;

public sealed class EvalRunnerTests
{
    [Fact]
    public void Run_OpenAndChoiceFiles_WritesOneScoredRowPerItem()
    {
        var f = new EvalFixture();
        var result = new EvalRunner(EvalFixture.Config()).Run(f.Request("basic"));

        var answers = Jsonl.Read<EvalAnswer>(Path.Combine(f.Dir, "basic", EvalRunner.AnswersFile));
        answers.Count.ShouldBe(8);
        answers.Count(a => a.Split == "open").ShouldBe(5);
        answers.Count(a => a.Split == "mc").ShouldBe(3);
        answers.ShouldAllBe(a => Enum.IsDefined(a.Outcome));
        answers.Where(a => a.Split == "open").ShouldAllBe(a => a.Outcome != Outcome.FailParse);
        answers.ShouldAllBe(a => a.Confidence > 0 && a.Confidence <= 1 && a.BaseKnown == null);
        answers.Single(a => a.Id == "o2").Exposure.ShouldBe(0);
        answers.Single(a => a.Id == "o1").Subject.ShouldBe("story");
        // An unanswerable item has no alias to match, so the model can only be wrong or refuse it.
        answers.Single(a => a.Id == "o5").Outcome.ShouldBeOneOf(Outcome.Wrong, Outcome.Refused);
        result.Splits.Select(s => s.Status).ShouldAllBe(s => s == EvalSplitStatus.Generated);
        File.Exists(Path.Combine(f.Dir, "basic", EvalRunner.ResolvedConfigFile)).ShouldBeTrue();
    }

    [Fact]
    public void Run_MetricsFile_ParsesWithOneResultPerSplitAndRatesMatchingAnswers()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config()).Run(f.Request("basic"));

        var metrics = EvalMetricsFile.TryRead(Path.Combine(f.Dir, "basic")).ShouldNotBeNull();
        metrics.Method.ShouldBe("basic");
        metrics.Splits.Select(s => s.Split).ShouldBe(["open", "mc"]);
        var open = metrics.Splits[0].Result;
        open.N.ShouldBe(5);
        var rows = Jsonl.Read<EvalAnswer>(Path.Combine(f.Dir, "basic", EvalRunner.AnswersFile)).Where(a => a.Split == "open").ToList();
        open.Correct.Value.ShouldBe(100.0 * rows.Count(r => r.Outcome == Outcome.Correct) / 5, 1e-9);
        open.Wrong.Value.ShouldBe(100.0 * rows.Count(r => r.Outcome == Outcome.Wrong) / 5, 1e-9);
        (open.Correct.Value + open.Wrong.Value + open.Refused.Value + open.FailParse.Value).ShouldBe(100, 1e-9);
        open.Ths.ShouldBeNull();                 // no reference: absent, not 0
        open.AveragePrecision.ShouldNotBeNull();
        open.Hallucination.ShouldNotBeNull();    // exposure ground truth is in the items' meta
        open.OverRefusal.ShouldBeNull();         // base-known needs a reference
        open.Replicates.ShouldBe(50);
    }

    [Fact]
    public void Run_WithReference_ThsEqualsFormulaOnStoredRatesAndBaseKnownFollowsReference()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config(PromptStyle.Basic)).Run(f.Request("init-basic", null, f.OpenFile));
        new EvalRunner(EvalFixture.Config(PromptStyle.Refuse)).Run(f.Request("init-refuse", "init-basic", f.OpenFile));

        var reference = EvalMetricsFile.TryRead(Path.Combine(f.Dir, "init-basic"))!.Splits.Single().Result;
        var evaluated = EvalMetricsFile.TryRead(Path.Combine(f.Dir, "init-refuse"))!.Splits.Single().Result;
        reference.Wrong.Value.ShouldBeGreaterThan(0);   // otherwise THS is undefined and the check below is empty
        var expected = Ths.Compute(evaluated.Correct.Value, evaluated.Wrong.Value, reference.Correct.Value, reference.Wrong.Value);
        evaluated.Ths.ShouldNotBeNull().Value.ShouldBe(expected, 1e-9);
        expected.ShouldNotBe(0);                        // the two prompts differ in rates on these items
        evaluated.OverRefusal.ShouldNotBeNull();

        var refRows = Jsonl.Read<EvalAnswer>(Path.Combine(f.Dir, "init-basic", EvalRunner.AnswersFile)).ToDictionary(a => a.Id);
        var rows = Jsonl.Read<EvalAnswer>(Path.Combine(f.Dir, "init-refuse", EvalRunner.AnswersFile));
        rows.ShouldAllBe(r => r.BaseKnown == (refRows[r.Id].Outcome == Outcome.Correct));
    }

    [Fact]
    public void Run_SameInputsAgain_SkipsEverySplitWithoutLoadingTheModel()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config()).Run(f.Request("basic"));
        var before = File.ReadAllText(Path.Combine(f.Dir, "basic", EvalRunner.AnswersFile));

        var again = f.Request("basic");
        var result = new EvalRunner(EvalFixture.Config()).Run(again);

        result.Splits.Select(s => s.Status).ShouldBe([EvalSplitStatus.Skipped, EvalSplitStatus.Skipped]);
        f.Loads.ShouldBe(1);
        File.ReadAllText(Path.Combine(f.Dir, "basic", EvalRunner.AnswersFile)).ShouldBe(before);
    }

    [Fact]
    public void Run_NewSplitAndChangedBootstrap_GeneratesOnlyTheNewSplitAndRescoresTheOld()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config()).Run(f.Request("basic", null, f.OpenFile));
        var config = EvalFixture.Config() with { Evaluation = new EvaluationOptions { Bootstrap = new BootstrapOptions { Replicates = 20 } } };

        var result = new EvalRunner(config).Run(f.Request("basic"));

        result.Splits.Select(s => s.Status).ShouldBe([EvalSplitStatus.Rescored, EvalSplitStatus.Generated]);
        result.Splits[0].Result.Replicates.ShouldBe(20);
        EvalMetricsFile.TryRead(Path.Combine(f.Dir, "basic"))!.Splits.Count.ShouldBe(2);
    }

    [Fact]
    public void Run_ChangedPrompt_RegeneratesTheSplit()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config(PromptStyle.Basic)).Run(f.Request("run", null, f.OpenFile));

        var result = new EvalRunner(EvalFixture.Config(PromptStyle.Refuse)).Run(f.Request("run", null, f.OpenFile));

        result.Splits.Single().Status.ShouldBe(EvalSplitStatus.Generated);
    }

    [Fact]
    public void Run_CombinedConfidence_StoresPSureAsAProbability()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config(confidence: ConfidenceScore.Combined)).Run(f.Request("sure", null, f.OpenFile));

        var rows = Jsonl.Read<EvalAnswer>(Path.Combine(f.Dir, "sure", EvalRunner.AnswersFile));
        rows.ShouldAllBe(r => r.PSure > 0 && r.PSure < 1);
        rows.ShouldAllBe(r => Math.Abs(r.Confidence!.Value - (0.5 * r.AnswerConfidence!.Value + 0.5 * r.PSure!.Value)) < 1e-12);
    }
}
