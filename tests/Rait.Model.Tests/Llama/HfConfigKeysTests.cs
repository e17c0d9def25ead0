using System.Text.Json.Nodes;
using Rait.Core;
using Rait.Model.Llama;

namespace Rait.Model.Tests.Llama;

/// <summary>Unknown config.json keys: harmless extras warn and load; keys known to change the math are refused by name.</summary>
public sealed class HfConfigKeysTests
{
    private const string Path = "models/x/config.json";

    private static JsonObject Config(string extra) => JsonNode.Parse($$"""
        { "model_type": "llama", "hidden_act": "silu", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
          "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 100, "max_position_embeddings": 256,
          "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "tie_word_embeddings": true {{extra}} }
        """)!.AsObject();

    [Fact]
    public void HarmlessExtraKey_LoadsWithOneWarningNamingIt()
    {
        var warnings = new List<string>();
        var cfg = HfConfigReader.Parse(Config(""", "smollm_private_note": "x", "bos_token_id": 1"""), Path, warnings);
        cfg.HiddenSize.ShouldBe(64);
        warnings.ShouldHaveSingleItem().ShouldContain("smollm_private_note");
        warnings[0].ShouldContain(Path);
    }

    [Fact]
    public void KnownKeysOnly_NoWarning()
    {
        var warnings = new List<string>();
        HfConfigReader.Parse(Config(""", "transformers_version": "4.45.0", "use_cache": true"""), Path, warnings);
        warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("attn_logit_softcapping", "50.0")]
    [InlineData("num_local_experts", "8")]
    [InlineData("partial_rotary_factor", "0.5")]
    public void MathChangingKey_ErrorNamesIt(string key, string value)
    {
        var e = Should.Throw<RaitException>(() => HfConfigReader.Parse(Config($", \"{key}\": {value}, \"harmless_extra\": 1"), Path, new List<string>()));
        e.Message.ShouldStartWith(Path);
        e.Message.ShouldContain(key);
        e.Message.ShouldNotContain("harmless_extra");
    }

    [Fact]
    public void StrictParse_WithoutWarningSink_StillRefusesUnknownKeys() =>
        Should.Throw<RaitException>(() => HfConfigReader.Parse(Config(""", "mystery": 1"""), Path)).Message.ShouldContain("mystery");

    [Fact]
    public void Read_FolderWithExtraKey_WarnsThroughTheSink()
    {
        var dir = Directory.CreateTempSubdirectory("rait-config-keys-");
        try
        {
            File.WriteAllText(System.IO.Path.Combine(dir.FullName, "config.json"), Config(""", "extra_bookkeeping": {"a": 1}""").ToJsonString());
            var said = new List<string>();
            HfConfigReader.Read(dir.FullName, said.Add).NumLayers.ShouldBe(2);
            said.ShouldHaveSingleItem().ShouldContain("extra_bookkeeping");
        }
        finally { dir.Delete(recursive: true); }
    }
}
