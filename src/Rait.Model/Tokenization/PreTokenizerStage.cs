using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rait.Model.Tokenization;

/// <summary>A piece of text on its way to the model; <paramref name="AtStart"/> = it begins at offset 0 of the input.</summary>
internal readonly record struct Piece(string Text, bool AtStart);

/// <summary>A HF <c>pre_tokenizer</c> component: splits each piece further (HF <c>Sequence</c> re-splits every piece).</summary>
/// <remarks>Mirrors huggingface/tokenizers <c>pre_tokenizers/</c> (Split, ByteLevel, Metaspace, Digits, Whitespace, Punctuation).</remarks>
internal abstract class PreTokenizerStage
{
    // GPT-2's own regex, used by ByteLevel{use_regex:true}.
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    public abstract void Split(Piece piece, List<Piece> output);

    public static PreTokenizerStage? Parse(JsonElement e, string path, JsonSpec spec)
    {
        if (JsonSpec.IsNull(e)) return null;
        var type = spec.Type(e, path);
        return type switch
        {
            "Split" => new SplitStage(spec.Pattern(e, "pattern", path), ParseBehavior(e, path, spec), spec.Bool(e, "invert", path, false)),
            "ByteLevel" => new ByteLevelStage(spec.Bool(e, "add_prefix_space", path, true), spec.Bool(e, "use_regex", path, true)),
            "Metaspace" => ParseMetaspace(e, path, spec),
            "Digits" => new SplitStage(new Regex(spec.Bool(e, "individual_digits", path, false) ? @"\p{N}" : @"\p{N}+", Opts), SplitBehavior.Isolated, false),
            "Whitespace" => new SplitStage(new Regex(@"\w+|[^\w\s]+", Opts), SplitBehavior.Removed, true),
            "WhitespaceSplit" => new SplitStage(new Regex(@"\s+", Opts), SplitBehavior.Removed, false),
            "Punctuation" => new SplitStage(new Regex(@"[\p{P}\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]", Opts), ParseBehavior(e, path, spec, SplitBehavior.Isolated), false),
            "Sequence" => new SequenceStage(ParseList(e, path, spec)),
            _ => throw spec.Error($"{path}.type", "Split, ByteLevel, Metaspace, Digits, Whitespace, WhitespaceSplit, Punctuation or Sequence", $"\"{type}\""),
        };
    }

    private static PreTokenizerStage ParseMetaspace(JsonElement e, string path, JsonSpec spec)
    {
        var replacement = spec.String(e, "replacement", path);
        if (replacement.Length != 1) throw spec.Error($"{path}.replacement", "a single character", $"\"{replacement}\"");
        // Older files carry add_prefix_space instead of prepend_scheme.
        var scheme = spec.OptionalString(e, "prepend_scheme", path)
            ?? (spec.Bool(e, "add_prefix_space", path, true) ? "always" : "never");
        if (scheme is not ("always" or "first" or "never"))
            throw spec.Error($"{path}.prepend_scheme", "\"always\", \"first\" or \"never\"", $"\"{scheme}\"");
        return new MetaspaceStage(replacement[0], scheme, spec.Bool(e, "split", path, true));
    }

    private static SplitBehavior ParseBehavior(JsonElement e, string path, JsonSpec spec, SplitBehavior? fallback = null)
    {
        var name = fallback is null ? spec.String(e, "behavior", path) : spec.OptionalString(e, "behavior", path);
        if (name is null) return fallback!.Value;
        return Enum.TryParse<SplitBehavior>(name, out var b) && Enum.IsDefined(b) && name != "None"
            ? b
            : throw spec.Error($"{path}.behavior", "Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous", $"\"{name}\"");
    }

    private static List<PreTokenizerStage> ParseList(JsonElement e, string path, JsonSpec spec)
    {
        var list = spec.Array(JsonSpec.Member(e, "pretokenizers"), $"{path}.pretokenizers");
        var result = new List<PreTokenizerStage>();
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var s = Parse(item, $"{path}.pretokenizers[{i++}]", spec);
            if (s is not null) result.Add(s);
        }
        return result;
    }

    /// <summary>Splits with a regex and a HF delimiter behaviour; empty pieces are dropped as in HF.</summary>
    protected static void SplitBy(Piece piece, Regex regex, SplitBehavior behavior, bool invert, List<Piece> output)
    {
        var text = piece.Text;
        foreach (var (start, end) in SplitSpans.Apply(text, regex, behavior, invert))
            if (end > start) output.Add(new Piece(text[start..end], piece.AtStart && start == 0));
    }

    private sealed class SplitStage(Regex regex, SplitBehavior behavior, bool invert) : PreTokenizerStage
    {
        public override void Split(Piece piece, List<Piece> output) => SplitBy(piece, regex, behavior, invert, output);
    }

    private sealed class ByteLevelStage(bool addPrefixSpace, bool useRegex) : PreTokenizerStage
    {
        private static readonly Regex Gpt2 = new(Gpt2Pattern, Opts);

        public override void Split(Piece piece, List<Piece> output)
        {
            var text = addPrefixSpace && !piece.Text.StartsWith(' ') ? " " + piece.Text : piece.Text;
            if (!useRegex)
            {
                if (text.Length > 0) output.Add(new Piece(ByteLevelAlphabet.Encode(text), piece.AtStart));
                return;
            }
            var parts = new List<Piece>();
            SplitBy(piece with { Text = text }, Gpt2, SplitBehavior.Isolated, false, parts);
            foreach (var p in parts) output.Add(p with { Text = ByteLevelAlphabet.Encode(p.Text) });
        }
    }

    private sealed class MetaspaceStage(char replacement, string scheme, bool split) : PreTokenizerStage
    {
        private readonly Regex _delimiter = new(Regex.Escape(replacement.ToString()), Opts);

        public override void Split(Piece piece, List<Piece> output)
        {
            var text = piece.Text.Replace(' ', replacement);
            bool prepend = scheme == "always" || (scheme == "first" && piece.AtStart);
            if (prepend && !text.StartsWith(replacement)) text = replacement + text;
            if (split) SplitBy(piece with { Text = text }, _delimiter, SplitBehavior.MergedWithNext, false, output);
            else if (text.Length > 0) output.Add(piece with { Text = text });
        }
    }

    private sealed class SequenceStage(List<PreTokenizerStage> stages) : PreTokenizerStage
    {
        public override void Split(Piece piece, List<Piece> output)
        {
            var current = new List<Piece> { piece };
            foreach (var stage in stages)
            {
                var next = new List<Piece>(current.Count * 2);
                foreach (var p in current) stage.Split(p, next);
                current = next;
            }
            output.AddRange(current);
        }
    }
}
