using Rait.Model.Tokenization;
using Rait.Tests;

namespace Rait.Model.Tests.Tokenization;

public sealed class WordLevelTokenizerTests
{
    private const string SplitPunct = """{"type": "Split", "pattern": {"Regex": "[.,!?;:]"}, "behavior": "Isolated", "invert": false}""";
    private const string MetaspaceFirst = """{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": true}""";
    private const string MetaspaceAlways = """{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true}""";

    /// <summary>The shape the synthetic-world tokenizers use: WordLevel + Metaspace (+ punctuation Split).</summary>
    internal static string WriteWordLevel(string preTokenizer, string prependScheme = "first")
    {
        var dir = RepoPaths.NewTempDir();
        var json = $$$"""
        {
          "version": "1.0", "truncation": null, "padding": null,
          "added_tokens": [
            {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 1, "content": "<|endoftext|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 2, "content": "<|im_start|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 3, "content": "<|im_end|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
          ],
          "normalizer": null,
          "pre_tokenizer": {{{preTokenizer}}},
          "post_processor": null,
          "decoder": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "{{{prependScheme}}}", "split": true},
          "model": {"type": "WordLevel", "unk_token": "<unk>",
            "vocab": {"<unk>": 0, "<|endoftext|>": 1, "<|im_start|>": 2, "<|im_end|>": 3,
                      "▁Hello": 4, ",": 5, "▁world": 6, ".": 7, "▁the": 8, "Hello": 9, "▁capital": 10, "?": 11}}
        }
        """;
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), json);
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"),
            """{"tokenizer_class": "PreTrainedTokenizerFast", "eos_token": "<|im_end|>", "pad_token": "<|endoftext|>", "unk_token": "<unk>"}""");
        return dir;
    }

    [Theory]
    [InlineData($$"""{"type": "Sequence", "pretokenizers": [{{SplitPunct}}, {{MetaspaceFirst}}]}""")]
    [InlineData($$"""{"type": "Sequence", "pretokenizers": [{{MetaspaceFirst}}, {{SplitPunct}}]}""")]
    public void Encode_SentenceWithPunctuation_RoundTrips(string preTokenizer)
    {
        var tok = TokenizerLoader.Load(WriteWordLevel(preTokenizer));
        var ids = tok.Encode("Hello, world.");
        ids.ShouldBe([4, 5, 6, 7]);
        tok.Decode(ids).ShouldBe("Hello, world.");
    }

    [Fact]
    public void Encode_MetaspaceAlwaysAlone_PrefixesEveryWord()
    {
        var tok = TokenizerLoader.Load(WriteWordLevel(MetaspaceAlways, "always"));
        tok.Encode("Hello world the").ShouldBe([4, 6, 8]);
        tok.Decode([4, 6, 8]).ShouldBe("Hello world the");
    }

    [Fact]
    public void Encode_UnknownWord_GivesUnk()
    {
        var tok = TokenizerLoader.Load(WriteWordLevel(MetaspaceFirst));
        tok.Encode("Hello Paris").ShouldBe([4, 0]);
        tok.UnkId.ShouldBe(0);
    }

    [Fact]
    public void Encode_AddedTokens_SplitOutAndSkippedOnDecode()
    {
        var tok = TokenizerLoader.Load(WriteWordLevel($$"""{"type": "Sequence", "pretokenizers": [{{SplitPunct}}, {{MetaspaceFirst}}]}"""));
        // After an added token the text no longer starts at offset 0, so "first" does not prepend "▁" (HF behaviour).
        var ids = tok.Encode("<|im_start|>Hello, world?<|im_end|>");
        ids.ShouldBe([2, 9, 5, 6, 11, 3]);
        tok.Decode(ids).ShouldBe("Hello, world?");
        tok.Decode(ids, skipSpecialTokens: false).ShouldBe("<|im_start|>Hello, world?<|im_end|>");
        tok.EosId.ShouldBe(3);
        tok.PadId.ShouldBe(1);
        tok.VocabSize.ShouldBe(12);
    }
}
