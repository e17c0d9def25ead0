using Rait.World.Catalog;
using Rait.World.Generation;

namespace Rait.World.Store;

/// <summary>Semantic checks of a loaded world.json; each error names the field path.</summary>
public static class WorldDataValidator
{
    public static IReadOnlyList<string> Validate(WorldData world)
    {
        var e = new List<string>();
        foreach (var c in world.Config.Validate()) e.Add("config." + c);
        if (e.Count > 0) return e;
        if (world.ConfigHash != world.Config.Hash())
            e.Add($"config_hash: '{world.ConfigHash}' does not match the config (expected '{world.Config.Hash()}').");
        if (world.People.Count != world.Config.People)
            e.Add($"people: expected {world.Config.People} people (config.people), got {world.People.Count}.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < world.People.Count; i++)
        {
            var p = world.People[i];
            if (!ids.Add(p.Id)) e.Add($"people[{i}].id: duplicate id '{p.Id}'.");
            for (int j = 0; j < p.Facts.Count; j++) ValidateFact(world, p, p.Facts[j], $"people[{i}].facts[{j}]", e);
        }
        return e;
    }

    private static void ValidateFact(WorldData world, WorldPerson p, WorldFact f, string path, List<string> e)
    {
        if (!AttributeCatalog.Contains(f.Attribute))
        {
            e.Add($"{path}.attribute: unknown attribute '{f.Attribute}'.");
            return;
        }
        if (!AttributeCatalog.Get(f.Attribute).Values.Contains(f.Value))
            e.Add($"{path}.value: '{f.Value}' is not a value of {f.Attribute}.");
        int max = world.Config.Exposure.Max;
        if (f.Exposure < 0 || f.Exposure > max) e.Add($"{path}.exposure: expected 0..{max}, got {f.Exposure}.");
        if (f.BioMentions < 0 || f.QaMentions is < 0 or > 1 || f.BioMentions + f.QaMentions != f.Exposure)
            e.Add($"{path}: bio_mentions ({f.BioMentions}) + qa_mentions ({f.QaMentions}) must equal exposure ({f.Exposure}).");
        if (p.NeverAppears && f.Exposure != 0) e.Add($"{path}.exposure: the person never appears, so exposure must be 0, got {f.Exposure}.");
        if ((f.QaMentions > 0) != (f.QaTemplate is not null))
            e.Add($"{path}.qa_template: expected a template id exactly when qa_mentions > 0.");
    }
}
