using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.World.Catalog;

namespace Rait.World.Config;

/// <summary>
/// Everything that determines a synthetic world. Same config → byte-identical world files;
/// <see cref="Hash"/> keys the cache of generated and pretrained worlds.
/// </summary>
public sealed record WorldConfig
{
    /// <summary>Bumped whenever generation changes in a way that alters files for an unchanged config.</summary>
    public const string GeneratorVersion = "world-gen-3";

    public ulong Seed { get; init; } = 1;
    /// <summary>Preset this config started from (informational; the fields below are what counts).</summary>
    public WorldSize Size { get; init; } = WorldSize.Default;
    public int People { get; init; } = 300;
    /// <summary>Each person gets a random subset of the attribute catalog of this many attributes (4..6).</summary>
    public int MinAttributes { get; init; } = 4;
    public int MaxAttributes { get; init; } = 6;
    public ExposureOptions Exposure { get; init; } = new();
    /// <summary>Facts stated with a rival value in some biography mentions.</summary>
    public ConflictOptions Conflicts { get; init; } = new();
    /// <summary>Share of people who never appear in the corpus (every fact exposure 0).</summary>
    public double NeverAppearShare { get; init; } = 0.1;
    /// <summary>Share of appearing people whose facts also appear as question-answer text in the corpus.</summary>
    public double QuizzedShare { get; init; } = 0.35;
    /// <summary>Share of people whose questions form the test splits (the rest feed the RAIT train split).</summary>
    public double TestPeopleShare { get; init; } = 0.4;
    /// <summary>Biography paraphrase templates used per attribute (1..5).</summary>
    public int BioParaphrases { get; init; } = 4;
    /// <summary>Question phrasings per attribute used in the corpus, train and ID test (1..4).</summary>
    public int QuestionPhrasings { get; init; } = 3;
    /// <summary>Question phrasings per attribute held out for the OOD test (0..4).</summary>
    public int HeldOutPhrasings { get; init; } = 1;
    /// <summary>Attributes never asked about in the corpus or the train split; OOD test only.</summary>
    public IReadOnlyList<string> HeldOutAttributes { get; init; } = ["field"];
    public PretrainPlan Pretrain { get; init; } = new();

    /// <summary>The preset for a size and seed.</summary>
    public static WorldConfig ForSize(WorldSize size, ulong seed) => size switch
    {
        WorldSize.Tiny => new WorldConfig
        {
            Seed = seed, Size = size, People = 40, MinAttributes = 4, MaxAttributes = 5, QuizzedShare = 0.85,
            Exposure = new ExposureOptions { ZeroShare = 0.3, Parameter = 0.35, Max = 6 },
            BioParaphrases = 3, QuestionPhrasings = 2, HeldOutPhrasings = 1,
            Pretrain = new PretrainPlan { Epochs = 150, SequenceLength = 128 },
        },
        WorldSize.Small => new WorldConfig
        {
            Seed = seed, Size = size, People = 120,
            Exposure = new ExposureOptions { ZeroShare = 0.3, Parameter = 0.35, Max = 8 },
            Pretrain = new PretrainPlan { Epochs = 100, SequenceLength = 128 },
        },
        WorldSize.Default => new WorldConfig { Seed = seed, Size = size },
        _ => throw new RaitException($"size: expected tiny, small or default, got {size}."),
    };

    /// <summary>Parses "tiny", "small" or "default".</summary>
    /// <exception cref="RaitException">Any other value.</exception>
    public static WorldSize ParseSize(string text) => text.Trim().ToLowerInvariant() switch
    {
        "tiny" => WorldSize.Tiny,
        "small" => WorldSize.Small,
        "default" => WorldSize.Default,
        _ => throw new RaitException($"--size: expected tiny, small or default, got '{text}'."),
    };

    /// <summary>All problems of the config, each with its key path; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        if (People is < 8 or > 100_000) e.Add($"people: expected 8..100000, got {People}.");
        var catalogSize = AttributeCatalog.All.Count;
        if (MinAttributes < 4 || MinAttributes > catalogSize)
            e.Add($"min_attributes: expected 4..{catalogSize}, got {MinAttributes}.");
        if (MaxAttributes < MinAttributes || MaxAttributes > catalogSize)
            e.Add($"max_attributes: expected min_attributes..{catalogSize}, got {MaxAttributes}.");
        Exposure.Validate("exposure", e);
        Conflicts.Validate("conflicts", e);
        Share("never_appear_share", NeverAppearShare, 0.9, e);
        Share("quizzed_share", QuizzedShare, 1.0, e);
        Share("test_people_share", TestPeopleShare, 0.9, e);
        if (TestPeopleShare <= 0) e.Add($"test_people_share: expected > 0, got {TestPeopleShare}.");
        var maxBio = AttributeCatalog.MinBioTemplates;
        if (BioParaphrases < 1 || BioParaphrases > maxBio)
            e.Add($"bio_paraphrases: expected 1..{maxBio}, got {BioParaphrases}.");
        var maxQ = AttributeCatalog.MinQuestionTemplates;
        if (QuestionPhrasings < 1 || QuestionPhrasings > maxQ - 1)
            e.Add($"question_phrasings: expected 1..{maxQ - 1}, got {QuestionPhrasings}.");
        if (HeldOutPhrasings < 0 || QuestionPhrasings + HeldOutPhrasings > maxQ)
            e.Add($"held_out_phrasings: expected 0..{maxQ - QuestionPhrasings} (question_phrasings + held_out_phrasings ≤ {maxQ}), got {HeldOutPhrasings}.");
        ValidateHeldOutAttributes(e);
        Pretrain.Validate("pretrain", e);
        return e;
    }

    /// <summary>Throws one <see cref="RaitException"/> listing every problem, prefixed by <paramref name="source"/>.</summary>
    public WorldConfig EnsureValid(string source = "world config")
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new RaitException($"{source}: invalid world config:\n  " + string.Join("\n  ", errors));
        return this;
    }

    /// <summary>SHA-256 (hex, 16 chars) of the canonical JSON of this config and the generator version.</summary>
    public string Hash()
    {
        var json = JsonSerializer.Serialize(this, Jsonl.Options);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(GeneratorVersion + "\n" + json));
        return Convert.ToHexStringLower(bytes)[..16];
    }

    private void ValidateHeldOutAttributes(List<string> e)
    {
        if (HeldOutAttributes is null) { e.Add("held_out_attributes: expected a list, got null."); return; }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < HeldOutAttributes.Count; i++)
        {
            var a = HeldOutAttributes[i];
            if (!AttributeCatalog.Contains(a))
                e.Add($"held_out_attributes[{i}]: unknown attribute '{a}'; expected one of {string.Join(", ", AttributeCatalog.Keys)}.");
            else if (!seen.Add(a))
                e.Add($"held_out_attributes[{i}]: '{a}' is listed twice.");
        }
        if (seen.Count >= AttributeCatalog.All.Count)
            e.Add("held_out_attributes: at least one attribute must remain for training.");
        if (seen.Count == 0 && HeldOutPhrasings == 0)
            e.Add("held_out_attributes: the OOD test needs a held-out attribute or held_out_phrasings > 0.");
    }

    private static void Share(string key, double value, double max, List<string> e)
    {
        if (!(value >= 0 && value <= max)) e.Add($"{key}: expected a share in [0, {max}], got {value}.");
    }
}
