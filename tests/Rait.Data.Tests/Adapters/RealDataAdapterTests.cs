using Rait.Core.Records;
using Rait.Data.Adapters;
using Rait.Data.Reading;
using Rait.Tests;

namespace Rait.Data.Tests.Adapters;

/// <summary>Adapters on the real files shipped with the project (NQ-open, ARC, MMLU, SelfAware).</summary>
public sealed class RealDataAdapterTests
{
    private static McItem Mc(LoadedDataset d, string id) => d.Items.OfType<ChoiceItem>().Single(i => i.Id == id).Item;

    [Fact]
    public void Load_NqOpenDev_ReadsAllRowsWithAliases()
    {
        var d = TempFiles.Load(RepoPaths.Data("nq-open", "NQ-open.dev.jsonl"));
        d.Format.ShouldBe(DatasetFormat.NqOpen);
        d.Container.ShouldBe(ContainerFormat.Jsonl);
        d.Items.Count.ShouldBe(3610);
        var first = d.Items[0].ShouldBeOfType<OpenItem>().Item;
        first.Id.ShouldBe("NQ-open.dev-1");
        first.Question.ShouldBe("when was the last time anyone was on the moon");
        first.Answers.ShouldBe(["14 December 1972 UTC", "December 1972"]);
        first.Meta.Source.ShouldBe("nq-open");
        first.Meta.Split.ShouldBe("dev");
    }

    [Fact]
    public void Load_ArcChallengeTest_KeepsThreeOptionItemAsThreeOptions()
    {
        var d = TempFiles.Load(RepoPaths.Data("arc-challenge", "ARC-Challenge-Test.jsonl"));
        d.Format.ShouldBe(DatasetFormat.Arc);
        d.Items.Count.ShouldBe(1172);
        var item = Mc(d, "NYSEDREGENTS_2010_4_4");
        item.Options.Select(o => o.Label).ShouldBe(["A", "B", "C"]);
        item.Options.Select(o => o.Text).ShouldBe(["slower", "faster", "at the same speed"]);
        item.Target.ShouldBe("A");
    }

    [Fact]
    public void Load_ArcChallengeTest_KeepsFifthOptionE()
    {
        var item = Mc(TempFiles.Load(RepoPaths.Data("arc-challenge", "ARC-Challenge-Test.jsonl")), "TIMSS_1995_8_J7");
        item.Options.Count.ShouldBe(5);
        item.Options[4].ShouldBe(new McOption("E", "Warm-blooded animals are found only in warm climates."));
        item.Target.ShouldBe("D");
        item.Meta.Subject.ShouldBe("arc-challenge");
        item.Meta.Split.ShouldBe("test");
    }

    [Fact]
    public void Load_ArcNumericAnswerKey_MapsByLabelToLetter()
    {
        var item = Mc(TempFiles.Load(RepoPaths.Data("arc-challenge", "ARC-Challenge-Test.jsonl")), "NYSEDREGENTS_2008_8_34");
        item.Options.Select(o => o.Label).ShouldBe(["A", "B", "C", "D"]);
        item.Target.ShouldBe("B"); // answerKey "2" -> the choice labelled "2"
        item.Options.Single(o => o.Label == item.Target).Text.ShouldBe("Kinetic energy increases and potential energy decreases.");
    }

    [Fact]
    public void Load_ArcEasyFolder_CountsOptionShapes()
    {
        var d = TempFiles.Load(RepoPaths.Data("arc-easy"));
        d.Items.Count.ShouldBe(570 + 2376);
        var s = DatasetSummary.Of(d.Items);
        s.OptionCounts.ShouldBe([KeyValuePair.Create(3, 8), KeyValuePair.Create(4, 2932), KeyValuePair.Create(5, 6)]);
        d.Items.OfType<ChoiceItem>().ShouldAllBe(c => c.Item.Options.Any(o => o.Label == c.Item.Target));
    }

    [Fact]
    public void Load_MmluCraftCsv_ReadsHeaderedLayoutWithSubjectFromFileName()
    {
        var d = TempFiles.Load(RepoPaths.Data("mmlu", "dev", "abstract_algebra_dev.csv"));
        d.Format.ShouldBe(DatasetFormat.MmluCsv);
        d.Items.Count.ShouldBe(5);
        var first = d.Items[0].ShouldBeOfType<ChoiceItem>().Item;
        first.Id.ShouldBe("abstract_algebra/dev/0");
        first.Question.ShouldBe("Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.");
        first.Options.Select(o => o.Text).ShouldBe(["0", "1", "2", "3"]);
        first.Target.ShouldBe("B");
        first.Meta.Subject.ShouldBe("abstract_algebra");
        first.Meta.Split.ShouldBe("dev");
        var second = d.Items[1].ShouldBeOfType<ChoiceItem>().Item;
        second.Options[0].Text.ShouldBe("True, True"); // quoted field with a comma
    }

    [Fact]
    public void Load_MmluDevFolder_Has57SubjectsOf5()
    {
        var s = DatasetSummary.Of(TempFiles.Load(RepoPaths.Data("mmlu", "dev")).Items);
        s.MultipleChoice.ShouldBe(285);
        s.Subjects.Count.ShouldBe(57);
        s.Subjects.ShouldAllBe(kv => kv.Value == 5);
    }

    [Fact]
    public void Load_MmluHeaderlessOriginalCsv_UsesPositionalColumns()
    {
        var path = TempFiles.Text("anatomy_test.csv",
            "A lesion causing compression of the facial nerve at the stylomastoid foramen will cause ipsilateral,paralysis of the facial muscles.,paralysis of the facial muscles and loss of taste.,\"paralysis of the facial muscles, loss of taste and lacrimation.\",\"paralysis of the facial muscles, loss of taste, lacrimation and decreased salivation.\",A\n");
        var d = TempFiles.Load(path);
        d.Format.ShouldBe(DatasetFormat.MmluCsv);
        var item = d.Items.Single().ShouldBeOfType<ChoiceItem>().Item;
        item.Options[2].Text.ShouldBe("paralysis of the facial muscles, loss of taste and lacrimation.");
        item.Target.ShouldBe("A");
        item.Meta.Subject.ShouldBe("anatomy");
        item.Id.ShouldBe("anatomy_test-1");
    }

    [Fact]
    public void Load_SelfAware_MarksUnanswerable()
    {
        var d = TempFiles.Load(RepoPaths.Data("selfaware", "SelfAware.json"));
        d.Format.ShouldBe(DatasetFormat.SelfAware);
        d.Container.ShouldBe(ContainerFormat.JsonArray);
        var s = DatasetSummary.Of(d.Items);
        s.Total.ShouldBe(3369);
        s.Unanswerable.ShouldBe(1032);
        var first = d.Items[0].ShouldBeOfType<OpenItem>().Item;
        first.Answers.ShouldBe(["song"]);
        first.Meta.Answerable.ShouldBe(true);
        var unanswerable = d.Items.OfType<OpenItem>().Single(i => i.Id == "2338").Item;
        unanswerable.Answers.ShouldBeEmpty();
        unanswerable.Meta.Answerable.ShouldBe(false);
    }
}
