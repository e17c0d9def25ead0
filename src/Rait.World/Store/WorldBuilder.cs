using Rait.World.Catalog;
using Rait.World.Config;
using Rait.World.Corpus;
using Rait.World.Generation;
using Rait.World.Qa;
using Rait.World.Tokenization;

namespace Rait.World.Store;

/// <summary>Generates every artifact of a world from its config (pure; writes nothing).</summary>
public static class WorldBuilder
{
    /// <exception cref="Rait.Core.RaitException">The config is invalid.</exception>
    public static WorldArtifacts Build(WorldConfig config)
    {
        var world = WorldGenerator.Generate(config);
        var corpus = CorpusBuilder.Build(world);
        var qa = QaBuilder.Build(world);
        var contexts = ContextBuilder.Build(world);
        var truth = GroundTruth(world);
        var vocabulary = WorldVocabulary.Build(VocabularyTexts(world, corpus, qa, contexts));
        return new WorldArtifacts(world, corpus, qa, contexts, truth, vocabulary);
    }

    /// <summary>Every text the world model may see: corpus, questions, answers, options, contexts, all
    /// catalog values and templates, chat scaffolding and the prompt lexicon.</summary>
    public static IEnumerable<string> VocabularyTexts(WorldData world, PretrainCorpus corpus, WorldQaSets qa,
        IReadOnlyList<Rait.Core.Records.QaItem> contexts)
    {
        foreach (var d in corpus.Documents) yield return d.Text;
        foreach (var items in qa.Open.Values)
            foreach (var q in items) { yield return q.Question; foreach (var a in q.Answers) yield return a; }
        foreach (var items in qa.MultipleChoice.Values)
            foreach (var m in items) foreach (var o in m.Options) { yield return o.Label; yield return o.Text; }
        foreach (var c in contexts) if (c.Context is not null) yield return c.Context;
        foreach (var def in AttributeCatalog.All)
        {
            foreach (var v in def.Values) yield return v;
            foreach (var t in def.BioTemplates.Concat(def.QuestionTemplates)) yield return t.Replace("{name}", "").Replace("{value}", "");
        }
        foreach (var p in world.People) yield return p.Name;
        yield return WorldChatFormat.Render("system user assistant", "");
        foreach (var t in WorldPromptLexicon.Texts) yield return t;
    }

    private static IReadOnlyList<Store.GroundTruthRow> GroundTruth(WorldData world)
    {
        var heldOut = new HashSet<string>(world.Config.HeldOutAttributes, StringComparer.Ordinal);
        return world.AllFacts().Select(x => new GroundTruthRow
        {
            Person = x.Person.Id, Name = x.Person.Name, Attribute = x.Fact.Attribute, Value = x.Fact.Value,
            Exposure = x.Fact.Exposure, BioMentions = x.Fact.BioMentions, QaMentions = x.Fact.QaMentions,
            Quizzed = x.Person.Quizzed, Partition = x.Person.Partition, HeldOutAttribute = heldOut.Contains(x.Fact.Attribute),
            QaTemplate = x.Fact.QaTemplate, RivalValue = x.Fact.RivalValue, RivalMentions = x.Fact.RivalMentions,
        }).ToList();
    }
}
