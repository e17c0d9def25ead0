using Rait.World.Catalog;
using Rait.World.Corpus;
using Rait.World.Generation;
using Rait.World.Qa;

namespace Rait.World.Tests;

public class QaTests
{
    private static readonly Rait.World.Store.WorldArtifacts A = TinyWorld.Small;

    private static int TemplateIndex(string templateId) =>
        AttributeCatalog.Get(templateId[..templateId.LastIndexOf('.')]).QuestionTemplateIndex(templateId);

    [Fact]
    public void Splits_TrainAndTestPeople_Disjoint()
    {
        var train = A.Qa.Open[WorldSplits.Train].Select(q => q.Meta.Person).ToHashSet();
        var test = A.Qa.Open[WorldSplits.IdTest].Concat(A.Qa.Open[WorldSplits.OodTest]).Select(q => q.Meta.Person).ToHashSet();
        train.ShouldNotBeEmpty();
        test.ShouldNotBeEmpty();
        train.Overlaps(test).ShouldBeFalse();
    }

    [Fact]
    public void IdTest_TrainingPhrasingsAndNoHeldOutAttribute()
    {
        var held = A.World.Config.HeldOutAttributes.ToHashSet();
        foreach (var split in new[] { WorldSplits.Train, WorldSplits.IdTest })
            foreach (var q in A.Qa.Open[split])
            {
                held.ShouldNotContain(q.Meta.Attribute!);
                TemplateIndex(q.Meta.Template!).ShouldBeLessThan(A.World.Config.QuestionPhrasings);
            }
    }

    [Fact]
    public void IdTest_CoversEveryExposureBucket()
    {
        var exposures = A.Qa.Open[WorldSplits.IdTest].Select(q => q.Meta.Exposure!.Value).ToHashSet();
        exposures.ShouldContain(0);
        exposures.ShouldContain(1);
        exposures.Max().ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void OodTest_EachItemHasHeldOutAttributeOrHeldOutPhrasing()
    {
        var held = A.World.Config.HeldOutAttributes.ToHashSet();
        var ood = A.Qa.Open[WorldSplits.OodTest];
        ood.ShouldNotBeEmpty();
        ood.ShouldAllBe(q => held.Contains(q.Meta.Attribute!) || TemplateIndex(q.Meta.Template!) >= A.World.Config.QuestionPhrasings);
        ood.ShouldContain(q => held.Contains(q.Meta.Attribute!));
        ood.ShouldContain(q => !held.Contains(q.Meta.Attribute!));
    }

    [Fact]
    public void OodPhrasings_NeverOccurInCorpus()
    {
        var corpus = string.Join("\n", A.Corpus.Documents.Select(d => d.Text));
        foreach (var def in AttributeCatalog.All)
            for (int t = A.World.Config.QuestionPhrasings; t < def.QuestionTemplates.Count; t++)
            {
                var pattern = System.Text.RegularExpressions.Regex.Escape(def.QuestionTemplates[t]).Replace(@"\{name}", @"\w+ \w+");
                System.Text.RegularExpressions.Regex.IsMatch(corpus, pattern).ShouldBeFalse(def.QuestionTemplateId(t));
                if (!A.World.Config.HeldOutAttributes.Contains(def.Key) && t >= def.QuestionTemplates.Count - A.World.Config.HeldOutPhrasings)
                    System.Text.RegularExpressions.Regex.IsMatch(
                    A.Qa.Open[WorldSplits.OodTest].First(q => q.Meta.Template == def.QuestionTemplateId(t)).Question, pattern).ShouldBeTrue();
            }
        foreach (var held in A.World.Config.HeldOutAttributes)
            A.Corpus.Documents.Where(d => d.Kind == CorpusDocumentKind.Qa).ShouldAllBe(d => !d.Id.EndsWith("/" + held));
    }

    [Fact]
    public void Items_MetadataMatchesGroundTruth()
    {
        var truth = A.GroundTruth.ToDictionary(r => (r.Person, r.Attribute));
        foreach (var items in A.Qa.Open.Values)
            foreach (var q in items)
            {
                var row = truth[(q.Meta.Person!, q.Meta.Attribute!)];
                q.Answers.ShouldBe([row.Value]);
                q.Meta.Exposure.ShouldBe(row.Exposure);
                q.Meta.Source.ShouldBe("world");
                q.Question.ShouldContain(row.Name);
            }
        A.Qa.Open.Values.SelectMany(x => x).Select(q => q.Id).Distinct().Count().ShouldBe(A.Qa.Open.Values.Sum(x => x.Count));
    }

    [Fact]
    public void IdTest_QuizzedPeople_AskedInTheCorpusPhrasing()
    {
        var facts = A.World.AllFacts().ToDictionary(x => (x.Person.Id, x.Fact.Attribute), x => x.Fact);
        var quizzed = A.Qa.Open[WorldSplits.IdTest].Where(q => facts[(q.Meta.Person!, q.Meta.Attribute!)].QaTemplate is not null).ToList();
        quizzed.ShouldNotBeEmpty();
        // The model knows a quizzed fact through its corpus QA text, so the ID test asks it that way.
        foreach (var q in quizzed) facts[(q.Meta.Person!, q.Meta.Attribute!)].QaTemplate.ShouldBe(q.Meta.Template);
    }

    [Fact]
    public void MultipleChoice_FourDistinctOptionsTargetIsGold()
    {
        foreach (var split in WorldSplits.All)
        {
            var open = A.Qa.Open[split];
            var mc = A.Qa.MultipleChoice[split];
            mc.Count.ShouldBe(open.Count);
            for (int i = 0; i < mc.Count; i++)
            {
                var m = mc[i];
                m.Question.ShouldBe(open[i].Question);
                m.Options.Select(o => o.Label).ShouldBe(["A", "B", "C", "D"]);
                m.Options.Select(o => o.Text).Distinct().Count().ShouldBe(4);
                m.Options.Single(o => o.Label == m.Target).Text.ShouldBe(open[i].Answers[0]);
                var values = AttributeCatalog.Get(m.Meta.Attribute!).Values;
                m.Options.ShouldAllBe(o => values.Contains(o.Text));
            }
        }
    }

    [Fact]
    public void MultipleChoice_TargetLettersRoughlyBalanced()
    {
        var targets = A.Qa.MultipleChoice.Values.SelectMany(x => x).GroupBy(m => m.Target).ToDictionary(g => g.Key, g => g.Count());
        int total = targets.Values.Sum();
        targets.Count.ShouldBe(4);
        targets.Values.ShouldAllBe(c => c > total / 8);
    }
}
