using Rait.Model.Tokenization;
using Rait.Tests;

namespace Rait.Model.Tests.Tokenization;

public sealed class TinyStoriesTokenizerTests
{
    private readonly ITokenizer _tok = TokenizerLoader.Load(RepoPaths.Fixture("tinystories-656k"));

    [Fact]
    public void Encode_OnceUponATime_MatchesReference()
    {
        _tok.Encode("Once upon a time").ShouldBe([1, 80, 147, 201, 282, 57]);
    }

    [Fact]
    public void Encode_NoSpecialTokens_OmitsBos()
    {
        _tok.Encode("Once upon a time", addSpecialTokens: false).ShouldBe([80, 147, 201, 282, 57]);
    }

    [Fact]
    public void Properties_TinyStories_SpecialIds()
    {
        _tok.BosId.ShouldBe(1);
        _tok.EosId.ShouldBe(2);
        _tok.UnkId.ShouldBe(0);
        _tok.PadId.ShouldBe(0);
        _tok.VocabSize.ShouldBe(2048);
    }

    [Theory]
    [InlineData("Once upon a time, there was a little girl named Lily.")]
    [InlineData("She said, \"Let's play!\"\nThe end.")]
    public void Decode_Encoded_RoundTrips(string text)
    {
        _tok.Decode(_tok.Encode(text)).ShouldBe(text);
    }

    [Fact]
    public void Encode_UnknownCharacters_FuseToOneUnk()
    {
        // No <0xNN> pieces exist in this vocab, so byte fallback yields <unk>; fuse_unk joins neighbours.
        var ids = _tok.Encode("a 中文", addSpecialTokens: false);
        ids.Count(i => i == 0).ShouldBe(1);
        ids[^1].ShouldBe(0);
    }

    [Fact]
    public void Decode_KeepSpecial_ShowsBos()
    {
        _tok.Decode([1, 80, 147], skipSpecialTokens: false).ShouldStartWith("<|start_story|>");
    }
}
