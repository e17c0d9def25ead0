using Rait.Core.Random;
using Rait.World.Catalog;
using Rait.World.Generation;

namespace Rait.World.Corpus;

/// <summary>
/// Writes the pretraining documents so that every fact occurs exactly <see cref="WorldFact.Exposure"/> times:
/// <see cref="WorldFact.BioMentions"/> biography sentences (spread over the person's biography documents,
/// at most one per document, paraphrases cycled) plus <see cref="WorldFact.QaMentions"/> chat QA documents.
/// <see cref="WorldFact.RivalMentions"/> of the biography mentions state <see cref="WorldFact.RivalValue"/> instead.
/// </summary>
public static class CorpusBuilder
{
    public static PretrainCorpus Build(WorldData world)
    {
        var config = world.Config;
        var rng = WorldRandom.For(config.Seed, "corpus");
        var docs = new List<CorpusDocument>();
        foreach (var person in world.People)
        {
            if (person.NeverAppears) continue;
            docs.AddRange(Biographies(person, config.BioParaphrases, rng));
            foreach (var fact in person.Facts.Where(f => f.QaMentions > 0))
                docs.Add(QaDocument(person, fact));
        }
        docs.AddRange(LanguageDocuments());
        rng.Shuffle(docs);
        return new PretrainCorpus(docs, config.Pretrain, config.Seed);
    }

    /// <summary>
    /// The prompt and refusal phrases of <see cref="Tokenization.WorldPromptLexicon"/> as plain documents, twice
    /// each. Their tokens would otherwise keep untrained (tied) embeddings, and a LoRA adapter over the
    /// frozen embeddings could never learn to say "I don't know". They state no fact, so exposures are unchanged.
    /// </summary>
    private static IEnumerable<CorpusDocument> LanguageDocuments()
    {
        var texts = Tokenization.WorldPromptLexicon.Texts;
        for (int copy = 0; copy < 2; copy++)
            for (int i = 0; i < texts.Count; i++)
                yield return new CorpusDocument { Id = $"language/{i}/{copy}", Kind = CorpusDocumentKind.Language, Person = "", Text = texts[i] };
    }

    private static IEnumerable<CorpusDocument> Biographies(WorldPerson person, int paraphrases, WorldRandom rng)
    {
        int documents = person.Facts.Select(f => f.BioMentions).DefaultIfEmpty(0).Max();
        // Each fact cycles through a shuffled list of paraphrases: repeated mentions use different wordings.
        var orders = person.Facts.Select(_ => rng.Permutation(paraphrases)).ToArray();
        // Which of a conflicting fact's biography mentions state the rival value: random, not always the last ones.
        var rivalAt = person.Facts.Select(f => rng.Permutation(f.BioMentions).Take(f.RivalMentions).ToHashSet()).ToArray();
        for (int d = 0; d < documents; d++)
        {
            var sentences = new List<string>();
            for (int f = 0; f < person.Facts.Count; f++)
            {
                var fact = person.Facts[f];
                if (fact.BioMentions <= d) continue;
                var def = AttributeCatalog.Get(fact.Attribute);
                var template = def.BioTemplates[orders[f][d % paraphrases]];
                var value = rivalAt[f].Contains(d) ? fact.RivalValue! : fact.Value;
                sentences.Add(AttributeDefinition.Fill(template, person.Name, value));
            }
            rng.Shuffle(sentences);
            yield return new CorpusDocument
            {
                Id = $"bio/{person.Id}/{d + 1}", Kind = CorpusDocumentKind.Bio, Person = person.Id,
                Text = string.Join(" ", sentences),
            };
        }
    }

    private static CorpusDocument QaDocument(WorldPerson person, WorldFact fact)
    {
        var def = AttributeCatalog.Get(fact.Attribute);
        var template = def.QuestionTemplates[def.QuestionTemplateIndex(fact.QaTemplate!)];
        var question = AttributeDefinition.Fill(template, person.Name, fact.Value);
        return new CorpusDocument
        {
            Id = $"qa/{person.Id}/{fact.Attribute}", Kind = CorpusDocumentKind.Qa, Person = person.Id,
            Text = WorldChatFormat.Render(question, fact.Value),
        };
    }
}
