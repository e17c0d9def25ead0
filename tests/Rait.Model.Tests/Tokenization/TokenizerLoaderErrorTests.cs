using Rait.Core;
using Rait.Model.Tokenization;
using Rait.Tests;

namespace Rait.Model.Tests.Tokenization;

public sealed class TokenizerLoaderErrorTests
{
    private static string WriteTokenizerJson(string json, string? config = null)
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), json);
        if (config is not null) File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), config);
        return dir;
    }

    private static string Bpe(string normalizer = "null", string preTokenizer = "null", string merges = """["a b"]""") => $$$"""
        {"added_tokens": [], "normalizer": {{{normalizer}}}, "pre_tokenizer": {{{preTokenizer}}}, "post_processor": null, "decoder": null,
         "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": {{{merges}}}}}
        """;

    [Fact]
    public void Load_MissingTokenizerJson_ThrowsNamingFile()
    {
        Should.Throw<RaitException>(() => TokenizerLoader.Load(RepoPaths.NewTempDir()))
            .Message.ShouldContain("tokenizer.json: file not found");
    }

    [Fact]
    public void Load_MalformedJson_ThrowsNamingFile()
    {
        Should.Throw<RaitException>(() => TokenizerLoader.Load(WriteTokenizerJson("{\"model\": ")))
            .Message.ShouldContain("tokenizer.json: not valid JSON");
    }

    [Fact]
    public void Load_UnigramModel_ThrowsWithJsonPath()
    {
        var dir = WriteTokenizerJson("""{"model": {"type": "Unigram", "vocab": {}}}""");
        Should.Throw<RaitException>(() => TokenizerLoader.Load(dir))
            .Message.ShouldEndWith("tokenizer.json: model.type: expected BPE or WordLevel, got \"Unigram\"");
    }

    [Fact]
    public void Load_UnsupportedPreTokenizer_ThrowsWithJsonPath()
    {
        var dir = WriteTokenizerJson(Bpe(preTokenizer: """{"type": "Sequence", "pretokenizers": [{"type": "ByteLevel"}, {"type": "BertPreTokenizer"}]}"""));
        Should.Throw<RaitException>(() => TokenizerLoader.Load(dir))
            .Message.ShouldContain("pre_tokenizer.pretokenizers[1].type: expected");
    }

    [Fact]
    public void Load_UnsupportedNormalizer_ThrowsWithJsonPath()
    {
        var dir = WriteTokenizerJson(Bpe(normalizer: """{"type": "BertNormalizer"}"""));
        Should.Throw<RaitException>(() => TokenizerLoader.Load(dir)).Message.ShouldContain("normalizer.type: expected NFC");
    }

    [Fact]
    public void Load_MergeOutsideVocab_ThrowsWithIndex()
    {
        var dir = WriteTokenizerJson(Bpe(merges: """["a b", ["b", "c"]]"""));
        Should.Throw<RaitException>(() => TokenizerLoader.Load(dir)).Message.ShouldContain("model.merges[1]");
    }

    [Fact]
    public void Load_BosTokenNotInVocab_ThrowsNamingConfigField()
    {
        var dir = WriteTokenizerJson(Bpe(), """{"bos_token": "<s>"}""");
        Should.Throw<RaitException>(() => TokenizerLoader.Load(dir)).Message.ShouldContain("tokenizer_config.json: bos_token");
    }

    [Fact]
    public void Encode_StringAndArrayMerges_GiveSameIds()
    {
        var a = TokenizerLoader.Load(WriteTokenizerJson(Bpe(merges: """["a b"]""")));
        var b = TokenizerLoader.Load(WriteTokenizerJson(Bpe(merges: """[["a", "b"]]""")));
        a.Encode("abab").ShouldBe([2, 2]);
        b.Encode("abab").ShouldBe([2, 2]);
    }
}
