using Rait.World.Corpus;
using Rait.World.Generation;
using Rait.World.Store;
using Rait.World.Tokenization;

namespace Rait.World.Tests;

public class CorpusTests
{
    private static bool ContainsSequence(IReadOnlyList<string> haystack, IReadOnlyList<string> needle)
    {
        for (int i = 0; i + needle.Count <= haystack.Count; i++)
        {
            int j = 0;
            while (j < needle.Count && haystack[i + j] == needle[j]) j++;
            if (j == needle.Count) return true;
        }
        return false;
    }

    private static Dictionary<string, List<IReadOnlyList<string>>> TokensByPerson(WorldArtifacts a) =>
        a.Corpus.Documents.GroupBy(d => d.Person)
            .ToDictionary(g => g.Key, g => g.Select(d => WorldTokenizerText.Tokenize(d.Text)).ToList());

    public static TheoryData<string> Worlds() => new() { "tiny", "small" };

    private static WorldArtifacts Get(string name) => name == "tiny" ? TinyWorld.Tiny : TinyWorld.Small;

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Corpus_EachFact_MentionedExactlyExposureTimes(string name)
    {
        var a = Get(name);
        var docs = TokensByPerson(a);
        foreach (var (person, fact) in a.World.AllFacts())
        {
            var value = WorldTokenizerText.Tokenize(fact.Value);
            var mine = docs.GetValueOrDefault(person.Id) ?? [];
            mine.Count(d => ContainsSequence(d, value)).ShouldBe(fact.Exposure - fact.RivalMentions, $"{person.Id} {fact.Attribute}");
            if (fact.RivalValue is { } rival)
                mine.Count(d => ContainsSequence(d, WorldTokenizerText.Tokenize(rival))).ShouldBe(fact.RivalMentions, $"{person.Id} {fact.Attribute} rival");
        }
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Conflicts_ShareOfEligibleFacts_MinorityOfMentions_InBiographiesOnly(string name)
    {
        var a = Get(name);
        var options = a.World.Config.Conflicts;
        var eligible = a.World.AllFacts().Where(x => x.Fact.Exposure >= options.MinExposure).ToList();
        var rivals = eligible.Where(x => x.Fact.RivalValue is not null).ToList();
        rivals.Count.ShouldBe((int)Math.Round(options.Share * eligible.Count, MidpointRounding.AwayFromZero));
        rivals.Count.ShouldBeGreaterThan(0);
        a.World.AllFacts().Where(x => x.Fact.Exposure < options.MinExposure).ShouldAllBe(x => x.Fact.RivalValue == null && x.Fact.RivalMentions == 0);
        foreach (var (person, fact) in rivals)
        {
            fact.RivalValue.ShouldNotBe(fact.Value);
            Catalog.AttributeCatalog.Get(fact.Attribute).Values.ShouldContain(fact.RivalValue!);
            fact.RivalMentions.ShouldBe((fact.Exposure - 1) / 2);
            (2 * fact.RivalMentions).ShouldBeLessThan(fact.Exposure, "the true value keeps a strict majority");
            fact.RivalMentions.ShouldBeLessThanOrEqualTo(fact.BioMentions);
        }
        // The QA documents (and so the questions' gold answers) state the true value only.
        foreach (var d in a.Corpus.Documents.Where(d => d.Kind == CorpusDocumentKind.Qa))
        {
            var (person, fact) = rivals.FirstOrDefault(x => d.Id == $"qa/{x.Person.Id}/{x.Fact.Attribute}");
            if (fact is null) continue;
            ContainsSequence(WorldTokenizerText.Tokenize(d.Text), WorldTokenizerText.Tokenize(fact.RivalValue!)).ShouldBeFalse(person.Id);
        }
        var truth = a.GroundTruth.Where(r => r.RivalValue is not null).ToList();
        truth.Count.ShouldBe(rivals.Count);
        truth.ShouldAllBe(r => r.RivalMentions == (r.Exposure - 1) / 2);
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Corpus_ExposureZeroFacts_NeverNearThePersonsName(string name)
    {
        // Scan every document that mentions the person's name (not only the ones filed under the person).
        var a = Get(name);
        var docs = a.Corpus.Documents.Select(d => WorldTokenizerText.Tokenize(d.Text)).ToList();
        foreach (var (person, fact) in a.World.AllFacts().Where(x => x.Fact.Exposure == 0))
        {
            var nameTokens = WorldTokenizerText.Tokenize(person.Name);
            var value = WorldTokenizerText.Tokenize(fact.Value);
            docs.Where(d => ContainsSequence(d, nameTokens)).ShouldAllBe(d => !ContainsSequence(d, value), $"{person.Id} {fact.Attribute}");
        }
    }

    [Fact]
    public void Corpus_NeverAppearingPeople_NameAbsent()
    {
        var a = TinyWorld.Small;
        var tokens = a.Corpus.Documents.SelectMany(d => WorldTokenizerText.Tokenize(d.Text)).ToHashSet();
        var never = a.World.People.Where(p => p.NeverAppears).ToList();
        never.ShouldNotBeEmpty();
        foreach (var p in never) tokens.ShouldNotContain("\u2581" + p.LastName);
    }

    [Fact]
    public void Corpus_EachDocument_AboutOnePerson()
    {
        var a = TinyWorld.Small;
        var lastNames = a.World.People.ToDictionary(p => p.Id, p => "▁" + p.LastName);
        foreach (var d in a.Corpus.Documents)
        {
            var tokens = WorldTokenizerText.Tokenize(d.Text).ToHashSet();
            a.World.People.Where(p => p.Id != d.Person).ShouldAllBe(p => !tokens.Contains(lastNames[p.Id]), d.Id);
        }
    }

    [Fact]
    public void Corpus_QaDocuments_OnlyQuizzedPeopleAndTrainedPhrasingsInChatFormat()
    {
        var a = TinyWorld.Small;
        var people = a.World.People.ToDictionary(p => p.Id);
        var qa = a.Corpus.Documents.Where(d => d.Kind == CorpusDocumentKind.Qa).ToList();
        qa.ShouldNotBeEmpty();
        foreach (var d in qa)
        {
            people[d.Person].Quizzed.ShouldBeTrue();
            d.Text.ShouldStartWith(WorldChatFormat.ImStart + "user\n");
            d.Text.ShouldEndWith(WorldChatFormat.ImEnd + "\n");
            d.Text.ShouldContain(WorldChatFormat.ImEnd + "\n" + WorldChatFormat.ImStart + "assistant\n");
        }
        var held = a.World.Config.HeldOutAttributes.ToHashSet();
        a.World.AllFacts().Where(x => x.Fact.QaMentions > 0).ShouldAllBe(x => !held.Contains(x.Fact.Attribute));
        qa.Count.ShouldBe(a.World.AllFacts().Sum(x => x.Fact.QaMentions));
    }

    [Fact]
    public void Corpus_RepeatedMentions_UseDifferentParaphrases()
    {
        var a = TinyWorld.Small;
        var bios = a.Corpus.Documents.Where(d => d.Kind == CorpusDocumentKind.Bio).Select(d => d.Text).ToList();
        var fact = a.World.AllFacts().First(x => x.Fact.BioMentions >= 3 && x.Fact.Attribute == "birth_city");
        var sentences = bios.Where(b => b.Contains(fact.Person.Name) && b.Contains(fact.Fact.Value))
            .Select(b => b.Split(". ").First(s => s.Contains(fact.Fact.Value)).TrimEnd('.')).ToList();
        sentences.Distinct().Count().ShouldBe(Math.Min(fact.Fact.BioMentions, a.World.Config.BioParaphrases));
    }

    [Fact]
    public void EpochOrder_DeterministicPermutationDifferentPerEpoch()
    {
        var c = TinyWorld.Tiny.Corpus;
        c.EpochOrder(0).Order().ShouldBe(Enumerable.Range(0, c.Documents.Count));
        c.EpochOrder(3).ShouldBe(c.EpochOrder(3));
        c.EpochOrder(0).ShouldNotBe(c.EpochOrder(1));
        c.EpochTexts(0).ShouldAllBe(t => t.EndsWith(PretrainCorpus.Separator));
    }

    [Fact]
    public void TokensPerEpoch_SmallEnoughForCpuPretraining()
    {
        // Budget from the issue: tiny pretrains in under a minute, default in a few minutes on 2 cores.
        TinyWorld.Tiny.Corpus.TokensPerEpoch().ShouldBeInRange(1_000, 8_000);
        TinyWorld.Small.Corpus.TokensPerEpoch().ShouldBeInRange(4_000, 20_000);
    }
}
