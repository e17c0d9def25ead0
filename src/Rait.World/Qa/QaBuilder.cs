using Rait.Core.Random;
using Rait.Core.Records;
using Rait.World.Catalog;
using Rait.World.Config;
using Rait.World.Generation;

namespace Rait.World.Qa;

/// <summary>
/// Builds one question per fact and split. The knowledge boundary is measurable on the ID test because its
/// questions concern facts with known exposure, use the phrasings the corpus used, and come from people
/// whose questions never enter the RAIT train split. For quizzed people train and ID-test questions use the
/// phrasing of their corpus QA document; people who were never quizzed probe knowledge extraction.
/// </summary>
public static class QaBuilder
{
    private static readonly string[] Letters = ["A", "B", "C", "D"];

    public static WorldQaSets Build(WorldData world)
    {
        var config = world.Config;
        var rng = WorldRandom.For(config.Seed, "questions");
        var mcRng = WorldRandom.For(config.Seed, "mc-options");
        var heldOut = new HashSet<string>(config.HeldOutAttributes, StringComparer.Ordinal);
        var open = WorldSplits.All.ToDictionary(s => s, _ => new List<QaItem>());
        var mc = WorldSplits.All.ToDictionary(s => s, _ => new List<McItem>());
        foreach (var person in world.People)
        {
            foreach (var fact in person.Facts)
            {
                var def = AttributeCatalog.Get(fact.Attribute);
                foreach (var (split, template) in Questions(config, person, fact, def, heldOut.Contains(def.Key), rng))
                {
                    var item = OpenItem(person, fact, def, split, template);
                    open[split].Add(item);
                    mc[split].Add(McFor(item, fact, def, mcRng));
                }
            }
        }
        return new WorldQaSets(
            open.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<QaItem>)kv.Value),
            mc.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<McItem>)kv.Value));
    }

    /// <summary>The question an item asks, built from the template id.</summary>
    public static string Question(AttributeDefinition def, int template, WorldPerson person) =>
        AttributeDefinition.Fill(def.QuestionTemplates[template], person.Name, "");

    private static IEnumerable<(string Split, int Template)> Questions(WorldConfig config, WorldPerson person, WorldFact fact,
        AttributeDefinition def, bool heldOutAttribute, WorldRandom rng)
    {
        int trained = config.QuestionPhrasings;
        if (heldOutAttribute)
        {
            if (person.Partition == PersonPartition.Test) yield return (WorldSplits.OodTest, rng.NextInt(trained));
            yield break;
        }
        // A quizzed person's fact is asked with the phrasing its corpus QA used: the pretrained model knows a
        // fact through that QA text, so train and ID-test questions measure knowledge, not paraphrase
        // transfer; the OOD split asks held-out phrasings instead.
        int id = rng.NextInt(trained);
        if (fact.QaTemplate is { } used) id = def.QuestionTemplateIndex(used);
        if (person.Partition == PersonPartition.Train)
        {
            yield return (WorldSplits.Train, id);
            yield break;
        }
        yield return (WorldSplits.IdTest, id);
        if (config.HeldOutPhrasings > 0)
        {
            int count = def.QuestionTemplates.Count;
            yield return (WorldSplits.OodTest, count - config.HeldOutPhrasings + rng.NextInt(config.HeldOutPhrasings));
        }
    }

    private static QaItem OpenItem(WorldPerson person, WorldFact fact, AttributeDefinition def, string split, int template)
    {
        var templateId = def.QuestionTemplateId(template);
        return new QaItem
        {
            Id = $"world/{split}/{person.Id}/{templateId}",
            Question = Question(def, template, person),
            Answers = [fact.Value],
            Meta = new ItemMetadata
            {
                Source = "world", Split = split, Subject = def.Key, Person = person.Id, Attribute = def.Key,
                Exposure = fact.Exposure, Answerable = true, Template = templateId,
            },
        };
    }

    private static McItem McFor(QaItem open, WorldFact fact, AttributeDefinition def, WorldRandom rng)
    {
        var others = def.Values.Where(v => v != fact.Value).ToArray();
        rng.Shuffle(others);
        var texts = new List<string> { fact.Value, others[0], others[1], others[2] };
        rng.Shuffle(texts);
        var options = texts.Select((t, i) => new McOption(Letters[i], t)).ToList();
        return new McItem
        {
            Id = open.Id + "/mc",
            Question = open.Question,
            Options = options,
            Target = options.Single(o => o.Text == fact.Value).Label,
            Meta = open.Meta,
        };
    }
}
