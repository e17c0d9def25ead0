using System.Text.Json;

namespace Rait.Model.Tokenization;

/// <summary>A HF <c>model</c> component: turns one pre-token into ids.</summary>
internal abstract class TokenModel
{
    protected TokenModel(Dictionary<string, int> vocab, string? unkToken, string path, JsonSpec spec)
    {
        Vocab = vocab;
        if (unkToken is not null)
            UnkId = vocab.TryGetValue(unkToken, out var u) ? u : throw spec.Error($"{path}.unk_token", "a token of model.vocab", $"\"{unkToken}\"");
    }

    public Dictionary<string, int> Vocab { get; }
    public int? UnkId { get; }

    public abstract void Tokenize(string piece, List<int> output);

    public static TokenModel Parse(JsonElement e, JsonSpec spec)
    {
        const string path = "model";
        var type = spec.Type(e, path);
        var vocab = ReadVocab(e, path, spec);
        var unk = spec.OptionalString(e, "unk_token", path);
        return type switch
        {
            "BPE" => BpeModel.Parse(e, vocab, unk, path, spec),
            "WordLevel" => new WordLevelModel(vocab, unk, path, spec),
            _ => throw spec.Error($"{path}.type", "BPE or WordLevel", $"\"{type}\""),
        };
    }

    private static Dictionary<string, int> ReadVocab(JsonElement e, string path, JsonSpec spec)
    {
        var v = spec.Object(JsonSpec.Member(e, "vocab"), $"{path}.vocab");
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out var id) || id < 0)
                throw spec.Error($"{path}.vocab[\"{p.Name}\"]", "a non-negative integer id", JsonSpec.Describe(p.Value));
            vocab[p.Name] = id;
        }
        return vocab;
    }
}
