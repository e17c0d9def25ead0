using Rait.World.Generation;
using Rait.World.Qa;

namespace Rait.World.Tests;

public class ContextTests
{
    private static readonly Rait.World.Store.WorldArtifacts A = TinyWorld.Small;

    [Fact]
    public void Contexts_ThreeKindsPerFact()
    {
        var own = A.Contexts.Where(c => c.Meta.Answerable == true).ToList();
        var other = A.Contexts.Where(c => c.Meta.Answerable == false).ToList();
        var none = A.Contexts.Where(c => c.Meta.Answerable is null).ToList();
        own.ShouldNotBeEmpty();
        own.Count.ShouldBe(none.Count);
        other.Count.ShouldBe(own.Count);
        own.ShouldAllBe(c => c.Context != null && c.Context.Contains(c.Answers[0]));
        none.ShouldAllBe(c => c.Context == null && c.Answers.Count == 1);
    }

    [Fact]
    public void Unanswerable_OtherPersonSamePartitionWithoutTheAnswer()
    {
        var people = A.World.People.ToDictionary(p => p.Id);
        foreach (var c in A.Contexts.Where(c => c.Meta.Answerable == false))
        {
            c.Answers.ShouldBeEmpty();
            var asked = people[c.Meta.Person!];
            var value = asked.Facts.Single(f => f.Attribute == c.Meta.Attribute).Value;
            c.Context!.ShouldNotContain(asked.Name, Case.Sensitive);
            c.Context!.ShouldNotContain(value, Case.Sensitive);
            var tokens = Rait.World.Tokenization.WorldTokenizerText.Tokenize(c.Context!).ToHashSet();
            var owner = A.World.People.Single(p => tokens.Contains("\u2581" + p.LastName));
            owner.Partition.ShouldBe(asked.Partition);
        }
    }

    [Fact]
    public void Contexts_SplitFollowsPartitionAndIncludesUnseenFacts()
    {
        var people = A.World.People.ToDictionary(p => p.Id);
        A.Contexts.ShouldAllBe(c => c.Meta.Split == (people[c.Meta.Person!].Partition == PersonPartition.Train ? WorldSplits.Train : WorldSplits.IdTest));
        A.Contexts.ShouldContain(c => c.Meta.Answerable == true && c.Meta.Exposure == 0);
    }

    [Fact]
    public void Paragraphs_NotInCorpus()
    {
        var corpus = A.Corpus.Documents.Select(d => d.Text).ToHashSet();
        A.Contexts.Where(c => c.Context != null).ShouldAllBe(c => !corpus.Contains(c.Context!));
    }
}
