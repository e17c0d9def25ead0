using Rait.Core.Random;
using Rait.Core.Records;
using Rait.World.Catalog;
using Rait.World.Generation;

namespace Rait.World.Qa;

/// <summary>
/// Items for context-based refusal. For every non-held-out fact: the person's own biography paragraph
/// (answerable), another person's paragraph from the same partition that does not contain the answer
/// (unanswerable: empty answers), and no context (answerable only from memory).
/// Paragraphs are written here, never in the corpus, and state every fact, exposure-0 ones included.
/// </summary>
public static class ContextBuilder
{
    public static IReadOnlyList<QaItem> Build(WorldData world)
    {
        var config = world.Config;
        var rng = WorldRandom.For(config.Seed, "contexts");
        var paragraphs = world.People.ToDictionary(p => p.Id, p => Paragraph(p, config.BioParaphrases, rng));
        var heldOut = new HashSet<string>(config.HeldOutAttributes, StringComparer.Ordinal);
        var items = new List<QaItem>();
        foreach (var person in world.People)
        {
            var split = person.Partition == PersonPartition.Train ? WorldSplits.Train : WorldSplits.IdTest;
            foreach (var fact in person.Facts.Where(f => !heldOut.Contains(f.Attribute)))
            {
                var def = AttributeCatalog.Get(fact.Attribute);
                int template = rng.NextInt(config.QuestionPhrasings);
                var question = QaBuilder.Question(def, template, person);
                var meta = new ItemMetadata
                {
                    Source = "world", Split = split, Subject = def.Key, Person = person.Id, Attribute = def.Key,
                    Exposure = fact.Exposure, Template = def.QuestionTemplateId(template),
                };
                var id = $"world/context/{split}/{person.Id}/{def.Key}";
                items.Add(new QaItem { Id = id + "/own", Question = question, Answers = [fact.Value], Context = paragraphs[person.Id], Meta = meta with { Answerable = true } });
                var other = OtherPerson(world, person, fact, rng);
                if (other is not null)
                    items.Add(new QaItem { Id = id + "/other", Question = question, Answers = [], Context = paragraphs[other.Id], Meta = meta with { Answerable = false } });
                items.Add(new QaItem { Id = id + "/none", Question = question, Answers = [fact.Value], Meta = meta });
            }
        }
        return items;
    }

    private static string Paragraph(WorldPerson person, int paraphrases, WorldRandom rng)
    {
        var sentences = person.Facts
            .Select(f => AttributeDefinition.Fill(AttributeCatalog.Get(f.Attribute).BioTemplates[rng.NextInt(paraphrases)], person.Name, f.Value))
            .ToList();
        rng.Shuffle(sentences);
        return string.Join(" ", sentences);
    }

    // Same partition, so train contexts never reveal test people's facts.
    private static WorldPerson? OtherPerson(WorldData world, WorldPerson person, WorldFact fact, WorldRandom rng)
    {
        var candidates = world.People
            .Where(o => o.Id != person.Id && o.Partition == person.Partition)
            .Where(o => o.Facts.All(f => f.Value != fact.Value))
            .ToList();
        return candidates.Count == 0 ? null : rng.Pick(candidates);
    }
}
