using Rait.Core.Random;
using Rait.World.Catalog;
using Rait.World.Config;

namespace Rait.World.Generation;

/// <summary>
/// Draws people, facts, exposure counts, quizzed people and the train/test partition from a config.
/// Each decision uses its own named random stream (<see cref="WorldRandom.For"/>).
/// </summary>
public static class WorldGenerator
{
    /// <exception cref="Rait.Core.RaitException">The config is invalid.</exception>
    public static WorldData Generate(WorldConfig config)
    {
        config.EnsureValid();
        var seed = config.Seed;
        var names = NameGenerator.Generate(config.People, WorldRandom.For(seed, "names"), ReservedWords());
        var attributes = DrawAttributes(config, WorldRandom.For(seed, "attributes"));
        var never = ChooseShare(Enumerable.Range(0, config.People).ToList(), config.NeverAppearShare, WorldRandom.For(seed, "never"));
        var appearing = Enumerable.Range(0, config.People).Where(i => !never.Contains(i)).ToList();
        var quizzed = ChooseShare(appearing, config.QuizzedShare, WorldRandom.For(seed, "quizzed"));
        var test = ChoosePartition(config, never, quizzed, WorldRandom.For(seed, "partition"));
        var exposures = AllocateExposures(config, attributes, never, WorldRandom.For(seed, "exposure"));
        var rivals = ChooseRivals(config, attributes, exposures, WorldRandom.For(seed, "conflict"));

        var heldOut = new HashSet<string>(config.HeldOutAttributes, StringComparer.Ordinal);
        var qaRng = WorldRandom.For(seed, "qa-template");
        var people = new List<WorldPerson>(config.People);
        for (int p = 0; p < config.People; p++)
        {
            var facts = new List<WorldFact>(attributes[p].Count);
            for (int a = 0; a < attributes[p].Count; a++)
            {
                var (def, value) = attributes[p][a];
                int exposure = exposures[p][a];
                bool asQa = quizzed.Contains(p) && exposure > 0 && !heldOut.Contains(def.Key);
                string? template = asQa ? def.QuestionTemplateId(qaRng.NextInt(config.QuestionPhrasings)) : null;
                var rival = rivals[p][a];
                facts.Add(new WorldFact
                {
                    Attribute = def.Key, Value = value, Exposure = exposure,
                    QaMentions = asQa ? 1 : 0, BioMentions = exposure - (asQa ? 1 : 0), QaTemplate = template,
                    RivalValue = rival, RivalMentions = rival is null ? 0 : ConflictOptions.RivalMentions(exposure),
                });
            }
            people.Add(new WorldPerson
            {
                Id = $"p{p + 1:D4}", FirstName = names[p].First, LastName = names[p].Last,
                NeverAppears = never.Contains(p), Quizzed = quizzed.Contains(p),
                Partition = test.Contains(p) ? PersonPartition.Test : PersonPartition.Train, Facts = facts,
            });
        }
        return new WorldData { GeneratorVersion = WorldConfig.GeneratorVersion, ConfigHash = config.Hash(), Config = config, People = people };
    }

    /// <summary>Every word of the catalog, so that no name collides with a value or template word.</summary>
    public static IReadOnlySet<string> ReservedWords()
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var def in AttributeCatalog.All)
            foreach (var text in def.Values.Concat(def.BioTemplates).Concat(def.QuestionTemplates))
                foreach (var w in text.Split([' ', '.', ',', '?', '{', '}'], StringSplitOptions.RemoveEmptyEntries))
                    words.Add(w);
        return words;
    }

    private static List<(AttributeDefinition Def, string Value)>[] DrawAttributes(WorldConfig config, WorldRandom rng)
    {
        var result = new List<(AttributeDefinition, string)>[config.People];
        for (int p = 0; p < config.People; p++)
        {
            int k = rng.NextInclusive(config.MinAttributes, config.MaxAttributes);
            var chosen = rng.Permutation(AttributeCatalog.All.Count).Take(k).Order().ToArray();
            result[p] = chosen.Select(i => AttributeCatalog.All[i]).Select(d => (d, rng.Pick(d.Values))).ToList();
        }
        return result;
    }

    private static HashSet<int> ChooseShare(List<int> pool, double share, WorldRandom rng)
    {
        int n = (int)Math.Round(share * pool.Count, MidpointRounding.AwayFromZero);
        var shuffled = pool.ToArray();
        rng.Shuffle(shuffled);
        return shuffled.Take(n).ToHashSet();
    }

    // Stratified by group so that never-appearing and quizzed people are spread over both partitions.
    private static HashSet<int> ChoosePartition(WorldConfig config, HashSet<int> never, HashSet<int> quizzed, WorldRandom rng)
    {
        var all = Enumerable.Range(0, config.People).ToList();
        var groups = new[]
        {
            all.Where(never.Contains).ToList(),
            all.Where(quizzed.Contains).ToList(),
            all.Where(i => !never.Contains(i) && !quizzed.Contains(i)).ToList(),
        };
        var test = new HashSet<int>();
        foreach (var g in groups) test.UnionWith(ChooseShare(g, config.TestPeopleShare, rng));
        return test;
    }

    // The QA document states the true value and counts as a mention, so eligibility is decided on the whole
    // exposure; rival mentions are biography mentions, and there are always enough of them: for exposure e ≥ 3,
    // ⌊(e − 1) / 2⌋ ≤ e − 1 ≤ BioMentions. Held-out attributes conflict too: the OOD test should see the same kinds of fact.
    private static string?[][] ChooseRivals(WorldConfig config, List<(AttributeDefinition Def, string Value)>[] attributes,
        int[][] exposures, WorldRandom rng)
    {
        var result = attributes.Select(a => new string?[a.Count]).ToArray();
        var eligible = new List<int>();
        var slots = new List<(int P, int A)>();
        for (int p = 0; p < attributes.Length; p++)
            for (int a = 0; a < attributes[p].Count; a++)
                if (exposures[p][a] >= config.Conflicts.MinExposure) { eligible.Add(slots.Count); slots.Add((p, a)); }
        foreach (var i in ChooseShare(eligible, config.Conflicts.Share, rng).Order())
        {
            var (p, a) = slots[i];
            var (def, value) = attributes[p][a];
            var others = def.Values.Where(v => v != value).ToList();
            result[p][a] = rng.Pick(others);
        }
        return result;
    }

    private static int[][] AllocateExposures(WorldConfig config, List<(AttributeDefinition, string)>[] attributes,
        HashSet<int> never, WorldRandom rng)
    {
        var result = attributes.Select(a => new int[a.Count]).ToArray();
        var owner = new List<int>();
        var slot = new List<(int P, int A)>();
        for (int p = 0; p < attributes.Length; p++)
        {
            if (never.Contains(p)) continue;
            for (int a = 0; a < attributes[p].Count; a++) { owner.Add(p); slot.Add((p, a)); }
        }
        var exposures = ExposureAllocator.Allocate(config.Exposure, owner, rng);
        for (int i = 0; i < slot.Count; i++) result[slot[i].P][slot[i].A] = exposures[i];
        return result;
    }
}
