using System.Text.Json;

namespace Rait.Model.Tokenization;

/// <summary>The ids a HF <c>post_processor</c> wraps around a single sequence (pairs are not used by Rait).</summary>
internal sealed record PostProcessor(IReadOnlyList<int> Prefix, IReadOnlyList<int> Suffix)
{
    public static readonly PostProcessor None = new([], []);

    public static PostProcessor Parse(JsonElement e, string path, JsonSpec spec)
    {
        if (JsonSpec.IsNull(e)) return None;
        var type = spec.Type(e, path);
        switch (type)
        {
            case "ByteLevel":
                return None;
            case "TemplateProcessing":
                return ParseTemplate(e, path, spec);
            case "BertProcessing" or "RobertaProcessing":
                return new([PairId(e, "cls", path, spec)], [PairId(e, "sep", path, spec)]);
            case "Sequence":
            {
                var list = spec.Array(JsonSpec.Member(e, "processors"), $"{path}.processors");
                List<int> prefix = [], suffix = [];
                int i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    // Each processor wraps what the previous ones produced.
                    var p = Parse(item, $"{path}.processors[{i++}]", spec);
                    prefix.InsertRange(0, p.Prefix);
                    suffix.AddRange(p.Suffix);
                }
                return new(prefix, suffix);
            }
            default:
                throw spec.Error($"{path}.type", "TemplateProcessing, ByteLevel, BertProcessing, RobertaProcessing or Sequence", $"\"{type}\"");
        }
    }

    private static int PairId(JsonElement e, string name, string path, JsonSpec spec)
    {
        var v = JsonSpec.Member(e, name);
        return v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 2 && v[1].TryGetInt32(out var id)
            ? id : throw spec.Error($"{path}.{name}", "[token, id]", JsonSpec.Describe(v));
    }

    private static PostProcessor ParseTemplate(JsonElement e, string path, JsonSpec spec)
    {
        var specials = JsonSpec.Member(e, "special_tokens");
        var single = spec.Array(JsonSpec.Member(e, "single"), $"{path}.single");
        List<int> prefix = [], suffix = [];
        bool seenSequence = false;
        int i = 0;
        foreach (var item in single.EnumerateArray())
        {
            var at = $"{path}.single[{i++}]";
            if (item.TryGetProperty("Sequence", out _)) { seenSequence = true; continue; }
            if (!item.TryGetProperty("SpecialToken", out var st))
                throw spec.Error(at, "{\"SpecialToken\": ...} or {\"Sequence\": ...}", item.GetRawText());
            var name = spec.String(st, "id", at + ".SpecialToken");
            var entry = JsonSpec.Member(specials, name);
            var ids = spec.Array(JsonSpec.Member(entry, "ids"), $"{path}.special_tokens[\"{name}\"].ids");
            foreach (var id in ids.EnumerateArray())
                (seenSequence ? suffix : prefix).Add(id.TryGetInt32(out var v) ? v
                    : throw spec.Error($"{path}.special_tokens[\"{name}\"].ids", "integer ids", id.GetRawText()));
        }
        return new(prefix, suffix);
    }
}
