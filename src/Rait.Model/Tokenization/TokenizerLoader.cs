using System.Text.Json;
using Rait.Core;

namespace Rait.Model.Tokenization;

/// <summary>Loads a Hugging Face tokenizer folder (tokenizer.json + tokenizer_config.json).</summary>
public static class TokenizerLoader
{
    /// <summary>Loads <c>&lt;modelDir&gt;/tokenizer.json</c> and, when present, <c>tokenizer_config.json</c>.</summary>
    /// <exception cref="RaitException">A file is missing or malformed, or names an unsupported component
    /// (the message names the file and the JSON path).</exception>
    public static ITokenizer Load(string modelDir) => LoadHf(modelDir);

    /// <summary>As <see cref="Load"/>, typed.</summary>
    public static HfTokenizer LoadHf(string modelDir)
    {
        var path = Path.Combine(modelDir, "tokenizer.json");
        if (!File.Exists(path))
            throw new RaitException($"{path}: file not found (a Hugging Face tokenizer.json is required)");
        var config = TokenizerConfig.Load(Path.Combine(modelDir, "tokenizer_config.json"));
        var spec = new JsonSpec(path);
        using var doc = TokenizerConfig.ParseJson(path);
        var root = spec.Object(doc.RootElement, "$");

        var model = TokenModel.Parse(JsonSpec.Member(root, "model"), spec);
        var added = ReadAddedTokens(root, spec);
        var cfgPath = Path.Combine(modelDir, "tokenizer_config.json");
        int? Resolve(string? token, string field)
        {
            if (token is null) return null;
            var a = added.LastOrDefault(x => x.Content == token);
            if (a is not null) return a.Id;
            return model.Vocab.TryGetValue(token, out var id) ? id
                : throw new RaitException($"{cfgPath}: {field}: \"{token}\" is not a token of {path}");
        }
        int? bos = Resolve(config.BosToken, "bos_token"), eos = Resolve(config.EosToken, "eos_token");

        return new HfTokenizer(model,
            TextNormalizer.Parse(JsonSpec.Member(root, "normalizer"), "normalizer", spec),
            PreTokenizerStage.Parse(JsonSpec.Member(root, "pre_tokenizer"), "pre_tokenizer", spec),
            TokenDecoder.Parse(JsonSpec.Member(root, "decoder"), "decoder", spec),
            ChoosePostProcessor(root, spec, config, bos, eos), added, config.CleanUpTokenizationSpaces)
        {
            BosId = bos,
            EosId = eos,
            PadId = Resolve(config.PadToken, "pad_token"),
            UnkId = Resolve(config.UnkToken, "unk_token") ?? model.UnkId,
        };
    }

    // A Llama-class tokenizer, or an explicit add_bos_token/add_eos_token = true, decides BOS/EOS as transformers does;
    // otherwise the tokenizer.json post_processor does.
    private static PostProcessor ChoosePostProcessor(JsonElement root, JsonSpec spec, TokenizerConfig config, int? bos, int? eos)
    {
        if (!config.IsLlamaClass && config.AddBosToken != true && config.AddEosToken != true)
            return PostProcessor.Parse(JsonSpec.Member(root, "post_processor"), "post_processor", spec);
        bool addBos = config.AddBosToken ?? config.IsLlamaClass, addEos = config.AddEosToken ?? false;
        return new PostProcessor(addBos && bos is { } b ? [b] : [], addEos && eos is { } e ? [e] : []);
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root, JsonSpec spec)
    {
        var list = new List<AddedToken>();
        var arr = JsonSpec.Member(root, "added_tokens");
        if (JsonSpec.IsNull(arr)) return list;
        int i = 0;
        foreach (var t in spec.Array(arr, "added_tokens").EnumerateArray())
        {
            var at = $"added_tokens[{i++}]";
            spec.Object(t, at);
            list.Add(new AddedToken(spec.Int(t, "id", at), spec.String(t, "content", at),
                spec.Bool(t, "special", at, false), spec.Bool(t, "normalized", at, false),
                spec.Bool(t, "lstrip", at, false), spec.Bool(t, "rstrip", at, false), spec.Bool(t, "single_word", at, false)));
        }
        return list;
    }
}
