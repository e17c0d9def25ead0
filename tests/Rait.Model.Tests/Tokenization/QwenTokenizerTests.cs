using Rait.Model.Tokenization;
using Rait.Tests;

namespace Rait.Model.Tests.Tokenization;

public sealed class QwenTokenizerFixture
{
    public ITokenizer Tokenizer { get; } = TokenizerLoader.Load(RepoPaths.Fixture("tokenizers", "qwen3"));
}

public sealed class QwenTokenizerTests(QwenTokenizerFixture fixture) : IClassFixture<QwenTokenizerFixture>
{
    private readonly ITokenizer _tok = fixture.Tokenizer;

    [Fact]
    public void Encode_AllLlamaCppQwen2Vectors_MatchExactly()
    {
        var cases = LlamaCppVectors.Read("qwen2");
        cases.Count.ShouldBe(46);
        var failures = cases.Where(c => !_tok.Encode(c.Input, addSpecialTokens: false).SequenceEqual(c.Ids))
            .Select(c => $"{c.Input}: got [{string.Join(' ', _tok.Encode(c.Input, false))}] want [{string.Join(' ', c.Ids)}]")
            .ToList();
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Decode_AllLlamaCppQwen2Vectors_RoundTrip()
    {
        foreach (var (input, _) in LlamaCppVectors.Read("qwen2"))
            _tok.Decode(_tok.Encode(input, false)).ShouldBe(input);
    }

    [Fact]
    public void Encode_ChatMlText_SplitsSpecialTokens()
    {
        var ids = _tok.Encode("<|im_start|>user\nHello world<|im_end|>\n");
        ids.ShouldBe([151644, 872, 198, 9707, 1879, 151645, 198]);
    }

    [Fact]
    public void Decode_SkipSpecialTokens_DropsOnlySpecial()
    {
        var ids = _tok.Encode("<|im_start|>assistant\n<think>Hi</think><|im_end|>");
        _tok.Decode(ids, skipSpecialTokens: true).ShouldBe("assistant\n<think>Hi</think>");
        _tok.Decode(ids, skipSpecialTokens: false).ShouldBe("<|im_start|>assistant\n<think>Hi</think><|im_end|>");
    }

    [Fact]
    public void Properties_Qwen3_KnownIdsAndSize()
    {
        _tok.VocabSize.ShouldBe(151669);
        _tok.EosId.ShouldBe(151645);
        _tok.PadId.ShouldBe(151643);
        _tok.BosId.ShouldBeNull();
        _tok.TokenToId("<|endoftext|>").ShouldBe(151643);
        _tok.TokenString(9707).ShouldBe("Hello");
        _tok.TokenString(21927).ShouldBe("ĠHello");
        _tok.IsSpecial(151645).ShouldBeTrue();
        _tok.IsSpecial(_tok.TokenToId("<think>")!.Value).ShouldBeFalse();
        _tok.IsSpecial(9707).ShouldBeFalse();
    }

    [Fact]
    public void Encode_Nfc_ComposesBeforeBpe()
    {
        // "e" + combining acute normalizes to "é".
        _tok.Encode("caf\u0065\u0301", false).ShouldBe(_tok.Encode("caf\u00e9", false));
    }

    [Fact]
    public void Encode_AddSpecialTokens_AddsNothingForQwen()
    {
        _tok.Encode("Hello world", true).ShouldBe([9707, 1879]);
    }
}
