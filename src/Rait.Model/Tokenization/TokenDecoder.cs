using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rait.Model.Tokenization;

/// <summary>A HF <c>decoder</c> component: <c>decode_chain</c> over token strings; the result is joined with "".</summary>
/// <remarks>Mirrors huggingface/tokenizers <c>decoders/</c> (ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace).</remarks>
internal abstract class TokenDecoder
{
    public abstract List<string> DecodeChain(List<string> tokens);

    public static TokenDecoder? Parse(JsonElement e, string path, JsonSpec spec)
    {
        if (JsonSpec.IsNull(e)) return null;
        var type = spec.Type(e, path);
        return type switch
        {
            "ByteLevel" => new ByteLevel(),
            "Replace" => new Replace(spec.Pattern(e, "pattern", path), spec.String(e, "content", path)),
            "ByteFallback" => new ByteFallback(),
            "Fuse" => new Fuse(),
            "Strip" => ParseStrip(e, path, spec),
            "Metaspace" => ParseMetaspace(e, path, spec),
            "Sequence" => new Sequence(ParseList(e, path, spec)),
            _ => throw spec.Error($"{path}.type", "ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace or Sequence", $"\"{type}\""),
        };
    }

    private static TokenDecoder ParseStrip(JsonElement e, string path, JsonSpec spec)
    {
        var content = spec.String(e, "content", path);
        if (content.Length != 1) throw spec.Error($"{path}.content", "a single character", $"\"{content}\"");
        return new Strip(content[0], spec.Int(e, "start", path), spec.Int(e, "stop", path));
    }

    private static TokenDecoder ParseMetaspace(JsonElement e, string path, JsonSpec spec)
    {
        var replacement = spec.String(e, "replacement", path);
        if (replacement.Length != 1) throw spec.Error($"{path}.replacement", "a single character", $"\"{replacement}\"");
        var scheme = spec.OptionalString(e, "prepend_scheme", path)
            ?? (spec.Bool(e, "add_prefix_space", path, true) ? "always" : "never");
        return new Metaspace(replacement[0], scheme != "never");
    }

    private static List<TokenDecoder> ParseList(JsonElement e, string path, JsonSpec spec)
    {
        var list = spec.Array(JsonSpec.Member(e, "decoders"), $"{path}.decoders");
        var result = new List<TokenDecoder>();
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var d = Parse(item, $"{path}.decoders[{i++}]", spec);
            if (d is not null) result.Add(d);
        }
        return result;
    }

    private sealed class ByteLevel : TokenDecoder
    {
        public override List<string> DecodeChain(List<string> tokens)
        {
            var bytes = new List<byte>();
            foreach (var t in tokens) ByteLevelAlphabet.AppendBytes(t, bytes);
            return [Encoding.UTF8.GetString(bytes.ToArray())];
        }
    }

    private sealed class Replace(Regex pattern, string content) : TokenDecoder
    {
        public override List<string> DecodeChain(List<string> tokens) =>
            tokens.ConvertAll(t => pattern.Replace(t, content.Replace("$", "$$")));
    }

    private sealed class ByteFallback : TokenDecoder
    {
        public override List<string> DecodeChain(List<string> tokens)
        {
            var result = new List<string>(tokens.Count);
            var pending = new List<byte>();
            foreach (var t in tokens)
            {
                if (t.Length == 6 && t.StartsWith("<0x") && t.EndsWith('>') &&
                    byte.TryParse(t.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
                {
                    pending.Add(b);
                    continue;
                }
                Flush(pending, result);
                result.Add(t);
            }
            Flush(pending, result);
            return result;
        }

        private static void Flush(List<byte> pending, List<string> result)
        {
            if (pending.Count == 0) return;
            // HF: valid UTF-8 becomes text, otherwise one U+FFFD per byte.
            try { result.Add(new UTF8Encoding(false, true).GetString(pending.ToArray())); }
            catch (DecoderFallbackException) { result.Add(new string('\uFFFD', pending.Count)); }
            pending.Clear();
        }
    }

    private sealed class Fuse : TokenDecoder
    {
        public override List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];
    }

    private sealed class Strip(char content, int start, int stop) : TokenDecoder
    {
        public override List<string> DecodeChain(List<string> tokens) => tokens.ConvertAll(t =>
        {
            int from = 0, to = t.Length;
            while (from < Math.Min(start, t.Length) && t[from] == content) from++;
            for (int i = 0; i < stop && to > from && t[to - 1] == content; i++) to--;
            return t[from..to];
        });
    }

    private sealed class Metaspace(char replacement, bool stripFirstSpace) : TokenDecoder
    {
        public override List<string> DecodeChain(List<string> tokens)
        {
            var result = new List<string>(tokens.Count);
            for (int i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i].Replace(replacement, ' ');
                if (i == 0 && stripFirstSpace && t.StartsWith(' ')) t = t[1..];
                result.Add(t);
            }
            return result;
        }
    }

    private sealed class Sequence(List<TokenDecoder> parts) : TokenDecoder
    {
        public override List<string> DecodeChain(List<string> tokens)
        {
            foreach (var p in parts) tokens = p.DecodeChain(tokens);
            return tokens;
        }
    }
}
