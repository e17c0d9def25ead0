using Rait.Core;
using Rait.Methods.Common;
using Rait.Methods.Options;
using Rait.Data.Adapters;
using Rait.Pipeline.Eval;

namespace Rait.Pipeline.Tests.Eval;

public sealed class EvalBadInputTests
{
    [Fact]
    public void Run_OpenItemWithoutAnswers_ThrowsNamingTheFileAndField()
    {
        var f = new EvalFixture();
        var bad = f.Write("noanswers.jsonl", """{"id":"q7","question":"Who?","answers":[]}""");

        var e = Should.Throw<RaitException>(() => new EvalRunner(EvalFixture.Config()).Run(f.Request("x", null, bad)));

        e.Message.ShouldContain("noanswers.jsonl");
        e.Message.ShouldContain("answers");
        f.Loads.ShouldBe(0);
    }

    [Fact]
    public void Run_ReferenceWithDifferentItemIds_ThrowsNamingBothFiles()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config()).Run(f.Request("ref", null, f.OpenFile));
        var other = f.Write("other/open.jsonl", EvalFixture.OpenLines.Replace("\"o4\"", "\"o9\""));

        var e = Should.Throw<RaitException>(() => new EvalRunner(EvalFixture.Config()).Run(f.Request("x", "ref", other)));

        e.Message.ShouldContain("answers.jsonl");
        e.Message.ShouldContain(other);
        e.Message.ShouldContain("o4");
        e.Message.ShouldContain("o9");
    }

    [Fact]
    public void Run_ReferenceWithoutTheSplit_ThrowsNamingTheSplit()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config()).Run(f.Request("ref", null, f.OpenFile));

        var e = Should.Throw<RaitException>(() => new EvalRunner(EvalFixture.Config()).Run(f.Request("x", "ref", f.ChoiceFile)));

        e.Message.ShouldContain("\"mc\"");
    }

    [Fact]
    public void Run_ReferenceFolderThatIsNoEvalOutput_Throws()
    {
        var f = new EvalFixture();
        var e = Should.Throw<RaitException>(() => new EvalRunner(EvalFixture.Config()).Run(f.Request("x", "nowhere", f.OpenFile)));
        e.Message.ShouldContain("--reference");
    }

    [Fact]
    public void Run_TwoFilesWithOneSplitName_Throws()
    {
        var f = new EvalFixture();
        var request = f.Request("x") with { Data = [new EvalDataFile(f.OpenFile, "test"), new EvalDataFile(f.ChoiceFile, "test")] };

        Should.Throw<RaitException>(() => new EvalRunner(EvalFixture.Config()).Run(request)).Message.ShouldContain("--split-name");
    }

    [Fact]
    public void Run_OutputFolderFromAnotherFormatVersion_Throws()
    {
        var f = new EvalFixture();
        new EvalRunner(EvalFixture.Config()).Run(f.Request("run", null, f.OpenFile));
        var path = Path.Combine(f.Dir, "run", EvalMetricsFile.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace(EvalMetricsFile.CurrentFormat, "rait-eval/0"));

        Should.Throw<RaitException>(() => new EvalRunner(EvalFixture.Config()).Run(f.Request("run", null, f.OpenFile)))
            .Message.ShouldContain("rait-eval/0");
    }

    [Fact]
    public void Load_TomlWithUnknownKey_NamesTheKey()
    {
        var f = new EvalFixture();
        var path = f.Write("eval.toml", "max_new_token_open = 5\n");

        var e = Should.Throw<RaitException>(() => EvalConfig.Load(path, []));

        e.Message.ShouldContain("max_new_token_open");
    }

    [Fact]
    public void Load_TomlWithOverrides_BindsNestedKeys()
    {
        var f = new EvalFixture();
        var path = f.Write("eval.toml", "confidence = \"combined\"\n[prompt]\nstyle = \"refuse\"\n[evaluation]\nmacro_by_subject = true\n");

        var config = EvalConfig.Load(path, ["max_new_tokens_mc=1024", "evaluation.bootstrap.replicates=10"]);

        config.Confidence.ShouldBe(ConfidenceScore.Combined);
        config.Prompt.Style.ShouldBe(PromptStyle.Refuse);
        config.Evaluation.MacroBySubject.ShouldBeTrue();
        config.Evaluation.Bootstrap.Replicates.ShouldBe(10);
        config.MaxNewTokensMc.ShouldBe(1024);
        Should.Throw<RaitException>(() => EvalConfig.Load(null, ["batch_size=0"])).Message.ShouldContain("batch_size");
    }

    [Fact]
    public void UserTurn_RefuseStyle_UsesTheSharedCraftTemplates()
    {
        var open = new OpenItem(new Rait.Core.Records.QaItem { Id = "a", Question = "Who?", Answers = ["x"] });
        var choice = new ChoiceItem(new Rait.Core.Records.McItem
        {
            Id = "b", Question = "Which?", Target = "A", Options = [new("A", "one"), new("B", "two")],
        });
        var refuse = new PromptOptions { Style = PromptStyle.Refuse };

        EvalItems.UserTurn(open, refuse).ShouldBe(Prompts.OpenRefuseHint + "Who?");
        EvalItems.UserTurn(open, new PromptOptions { Style = PromptStyle.Basic }).ShouldBe("Who?");
        EvalItems.UserTurn(choice, refuse).ShouldContain("\"I don't know.\"");
        EvalItems.UserTurn(choice, refuse).ShouldContain("A. one\nB. two");
    }
}
