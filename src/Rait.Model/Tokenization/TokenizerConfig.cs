using System.Text.Json;
using Rait.Core;

namespace Rait.Model.Tokenization;

/// <summary>The fields of tokenizer_config.json that change encoding or decoding.</summary>
internal sealed record TokenizerConfig(
    string? BosToken, string? EosToken, string? PadToken, string? UnkToken,
    bool? AddBosToken, bool? AddEosToken, bool CleanUpTokenizationSpaces, string? TokenizerClass)
{
    public static readonly TokenizerConfig Empty = new(null, null, null, null, null, null, false, null);

    // transformers' LlamaTokenizerFast rebuilds the post-processor from add_bos_token (default true) / add_eos_token.
    private static readonly HashSet<string> LlamaClasses =
        ["LlamaTokenizer", "LlamaTokenizerFast", "CodeLlamaTokenizer", "CodeLlamaTokenizerFast", "GemmaTokenizer", "GemmaTokenizerFast"];

    public bool IsLlamaClass => TokenizerClass is not null && LlamaClasses.Contains(TokenizerClass);

    /// <summary>Reads the file; a missing file gives <see cref="Empty"/> (HF works without it).</summary>
    public static TokenizerConfig Load(string path)
    {
        if (!File.Exists(path)) return Empty;
        var spec = new JsonSpec(path);
        using var doc = ParseJson(path);
        var root = spec.Object(doc.RootElement, "$");
        return new TokenizerConfig(
            TokenText(root, "bos_token", spec), TokenText(root, "eos_token", spec),
            TokenText(root, "pad_token", spec), TokenText(root, "unk_token", spec),
            OptionalBool(root, "add_bos_token", spec), OptionalBool(root, "add_eos_token", spec),
            spec.Bool(root, "clean_up_tokenization_spaces", "$", false),
            spec.OptionalString(root, "tokenizer_class", "$"));
    }

    public static JsonDocument ParseJson(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex) { throw new RaitException($"{path}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex); }
        catch (IOException ex) { throw new RaitException($"{path}: cannot be read: {ex.Message}", ex); }
    }

    private static bool? OptionalBool(JsonElement root, string name, JsonSpec spec) =>
        JsonSpec.IsNull(JsonSpec.Member(root, name)) ? null : spec.Bool(root, name, "$", false);

    /// <summary>A special token is a string, or an AddedToken dict with <c>content</c>.</summary>
    private static string? TokenText(JsonElement root, string name, JsonSpec spec)
    {
        var v = JsonSpec.Member(root, name);
        if (JsonSpec.IsNull(v)) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        if (v.ValueKind == JsonValueKind.Object) return spec.String(v, "content", $"$.{name}");
        throw spec.Error($"$.{name}", "a string, {\"content\": ...} or null", JsonSpec.Describe(v));
    }
}
