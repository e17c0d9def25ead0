using System.Text.Json;
using Rait.Core;
using Rait.Model.Tokenization;
using Rait.Tests;

namespace Rait.Model.Tests.Tokenization;

public sealed class Llama2cTokenizerTests
{
    private static readonly string Dir = RepoPaths.Fixture("stories260K");
    private readonly Llama2cTokenizer _tok = Llama2cTokenizer.Load(Path.Combine(Dir, "tok512.bin"));

    public static TheoryData<string, int[]> EncodeCases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "expected.json")));
        var data = new TheoryData<string, int[]>();
        foreach (var c in doc.RootElement.GetProperty("tokenizer_encode").GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("text").GetString()!, c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        return data;
    }

    [Theory]
    [MemberData(nameof(EncodeCases))]
    public void Encode_ExpectedJsonCase_MatchesRunC(string text, int[] ids)
    {
        _tok.Encode(text).ShouldBe(ids);
    }

    [Fact]
    public void Decode_GreedyPathIds_ReproducesReferenceText()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "expected.json")));
        var text = doc.RootElement.GetProperty("tokenizer_encode").GetProperty("cases")[3].GetProperty("text").GetString()!;
        _tok.Decode(_tok.Encode(text)).ShouldBe(text);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsNamingFile()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "tok.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(Path.Combine(Dir, "tok512.bin"))[..1000]);
        Should.Throw<RaitException>(() => Llama2cTokenizer.Load(path)).Message.ShouldContain("truncated");
    }

    [Fact]
    public void Properties_Tok512_SpecialIds()
    {
        _tok.VocabSize.ShouldBe(512);
        _tok.TokenString(317).ShouldBe(" Lily");
        _tok.TokenToId(" t").ShouldBe(259);
        _tok.IsSpecial(1).ShouldBeTrue();
    }
}
