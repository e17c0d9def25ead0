using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rait.Model.Tokenization;

/// <summary>A HF <c>normalizer</c> component, applied to each text span between added tokens.</summary>
/// <remarks>Mirrors huggingface/tokenizers <c>normalizers/</c>; only the string result matters to us (no offsets).</remarks>
internal abstract class TextNormalizer
{
    public abstract string Normalize(string text);

    /// <summary>Builds the normalizer described at <paramref name="path"/>; null JSON means none.</summary>
    public static TextNormalizer? Parse(JsonElement e, string path, JsonSpec spec)
    {
        if (JsonSpec.IsNull(e)) return null;
        var type = spec.Type(e, path);
        return type switch
        {
            "NFC" => Unicode.Create(NormalizationForm.FormC, $"{path}.type", spec),
            "NFD" => Unicode.Create(NormalizationForm.FormD, $"{path}.type", spec),
            "NFKC" => Unicode.Create(NormalizationForm.FormKC, $"{path}.type", spec),
            "NFKD" => Unicode.Create(NormalizationForm.FormKD, $"{path}.type", spec),
            "Lowercase" => new Lowercase(),
            "Prepend" => new Prepend(spec.String(e, "prepend", path)),
            "Replace" => new Replace(spec.Pattern(e, "pattern", path), spec.String(e, "content", path)),
            "Strip" => new Strip(spec.Bool(e, "strip_left", path, true), spec.Bool(e, "strip_right", path, true)),
            "Sequence" => new Sequence(ParseList(e, path, spec)),
            _ => throw spec.Error($"{path}.type", "NFC, NFD, NFKC, NFKD, Lowercase, Prepend, Replace, Strip or Sequence", $"\"{type}\""),
        };
    }

    private static List<TextNormalizer> ParseList(JsonElement e, string path, JsonSpec spec)
    {
        var list = spec.Array(JsonSpec.Member(e, "normalizers"), $"{path}.normalizers");
        var result = new List<TextNormalizer>();
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var n = Parse(item, $"{path}.normalizers[{i++}]", spec);
            if (n is not null) result.Add(n);
        }
        return result;
    }

    private sealed class Unicode(NormalizationForm form) : TextNormalizer
    {
        /// <summary>
        /// .NET normalizes through ICU; with InvariantGlobalization it returns non-ASCII text unchanged, which would
        /// silently change token ids, so refuse to build the tokenizer instead.
        /// </summary>
        public static Unicode Create(NormalizationForm form, string path, JsonSpec spec)
        {
            if ("e\u0301".Normalize(NormalizationForm.FormC) != "\u00e9")
                throw new Rait.Core.RaitException(
                    $"{spec.File}: {path}: Unicode normalization needs ICU, but this process runs in globalization-invariant " +
                    "mode (set <InvariantGlobalization>false</InvariantGlobalization> in the application project)");
            return new Unicode(form);
        }

        public override string Normalize(string text) => text.IsNormalized(form) ? text : text.Normalize(form);
    }

    private sealed class Lowercase : TextNormalizer
    {
        public override string Normalize(string text) => text.ToLowerInvariant();
    }

    private sealed class Prepend(string prefix) : TextNormalizer
    {
        // HF prepends only to non-empty spans.
        public override string Normalize(string text) => text.Length == 0 ? text : prefix + text;
    }

    private sealed class Replace(Regex pattern, string content) : TextNormalizer
    {
        public override string Normalize(string text) => pattern.Replace(text, content.Replace("$", "$$"));
    }

    private sealed class Strip(bool left, bool right) : TextNormalizer
    {
        public override string Normalize(string text) =>
            left && right ? text.Trim() : left ? text.TrimStart() : right ? text.TrimEnd() : text;
    }

    private sealed class Sequence(List<TextNormalizer> parts) : TextNormalizer
    {
        public override string Normalize(string text)
        {
            foreach (var p in parts) text = p.Normalize(text);
            return text;
        }
    }
}
