using Rait.Core.Config;
using Rait.Tests;

namespace Rait.Core.Tests.Config;

public sealed class ConfigLoaderTests
{
    private static string Write(string name, string text)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_TomlWithNestedTable_BindsAllValues()
    {
        var path = Write("stage.toml", "name = \"a\"\nseed = 7\nlearning_rate = 0.002\nmode = \"exact_match\"\ntargets = [\"q_proj\", \"v_proj\"]\n[lora]\nrank = 16\n");
        var c = ConfigLoader.Load<SampleStageConfig>(path);
        c.Name.ShouldBe("a");
        c.Seed.ShouldBe(7);
        c.LearningRate.ShouldBe(0.002);
        c.Mode.ShouldBe(SampleMode.ExactMatch);
        c.Lora.Rank.ShouldBe(16);
        c.Lora.Alpha.ShouldBe(16);
        c.Targets.ShouldBe(["q_proj", "v_proj"]);
    }

    [Fact]
    public void Load_JsonFile_BindsSameAsToml()
    {
        var path = Write("stage.json", "{\"name\": \"b\", \"lora\": {\"rank\": 4}}");
        var c = ConfigLoader.Load<SampleStageConfig>(path);
        c.Name.ShouldBe("b");
        c.Lora.Rank.ShouldBe(4);
    }

    [Theory]
    [InlineData("stage.toml", "nme = \"a\"\n")]
    [InlineData("stage.json", "{\"nme\": \"a\"}")]
    public void Load_UnknownTopLevelKey_NamesKeyAndAllowedKeys(string file, string text)
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleStageConfig>(Write(file, text)));
        e.Message.ShouldContain(file);
        e.Message.ShouldContain("nme: unknown key");
        e.Message.ShouldContain("learning_rate, lora, mode, name, out_dir, seed, targets");
    }

    [Fact]
    public void Load_UnknownNestedKey_NamesFullPathAndSiblings()
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleStageConfig>(Write("s.toml", "[lora]\nrnak = 3\n")));
        e.Message.ShouldContain("lora.rnak: unknown key; allowed keys under 'lora': alpha, rank");
    }

    [Theory]
    [InlineData("seed = \"seven\"\n", "seed: expected integer, got string \"seven\"")]
    [InlineData("learning_rate = true\n", "learning_rate: expected number, got boolean true")]
    [InlineData("name = 3\n", "name: expected string, got number 3")]
    [InlineData("mode = \"slow\"\n", "mode: expected one of fast, exact_match, got string \"slow\"")]
    [InlineData("lora = 3\n", "lora: expected a table, got number 3")]
    [InlineData("targets = \"q\"\n", "targets: expected an array, got string \"q\"")]
    public void Load_WrongType_NamesKeyAndExpectedType(string toml, string expected)
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleStageConfig>(Write("t.toml", toml)));
        e.Message.ShouldContain(expected);
    }

    [Fact]
    public void Load_SeveralProblems_ListsAllOfThem()
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleStageConfig>(Write("t.toml", "sed = 1\n[lora]\nrank = \"x\"\n")));
        e.Message.ShouldContain("2 problems");
        e.Message.ShouldContain("sed: unknown key");
        e.Message.ShouldContain("lora.rank: expected integer");
    }

    [Fact]
    public void Load_Overrides_ApplyTypedValuesInOrder()
    {
        var path = Write("s.toml", "name = \"a\"\n");
        var c = ConfigLoader.Load<SampleStageConfig>(path, ["lora.rank=32", "name=123", "learning_rate=0.5", "mode=exact_match", "targets=[\"o_proj\"]", "seed=1", "seed=2"]);
        c.Lora.Rank.ShouldBe(32);
        c.Name.ShouldBe("123");
        c.LearningRate.ShouldBe(0.5);
        c.Mode.ShouldBe(SampleMode.ExactMatch);
        c.Targets.ShouldBe(["o_proj"]);
        c.Seed.ShouldBe(2);
    }

    [Theory]
    [InlineData("lora.rnk=3", "lora.rnk: unknown key; allowed keys under 'lora': alpha, rank")]
    [InlineData("seed=abc", "--set seed: expected integer, got \"abc\"")]
    [InlineData("seed", "expected key.path=value")]
    [InlineData("seed.x=1", "'seed' is not a table")]
    public void Load_BadOverride_Throws(string assignment, string expected)
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleStageConfig>(Write("s.toml", ""), [assignment]));
        e.Message.ShouldContain(expected);
    }

    [Fact]
    public void Load_ValidationErrors_AreAllListedWithFileName()
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleStageConfig>(Write("bad.toml", "learning_rate = -1.0\n[lora]\nrank = 0\nalpha = 0.0\n")));
        e.Message.ShouldStartWith("bad.toml: 3 problems");
        e.Message.ShouldContain("learning_rate: must be > 0");
        e.Message.ShouldContain("lora.rank: must be > 0");
        e.Message.ShouldContain("lora.alpha: must be > 0");
    }

    [Fact]
    public void Load_TomlSyntaxError_NamesFile()
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleStageConfig>(Write("syn.toml", "name = \n")));
        e.Message.ShouldContain("syn.toml");
        e.Message.ShouldContain("TOML syntax error");
    }

    [Theory]
    [InlineData("resolved_config.toml")]
    [InlineData("resolved_config.json")]
    public void SaveResolved_ThenLoad_RoundTrips(string file)
    {
        var original = new SampleStageConfig
        {
            Name = "r", Seed = 5, LearningRate = 2.0, Mode = SampleMode.ExactMatch,
            Lora = new SampleLora { Rank = 3, Alpha = 0.25 }, Targets = ["a", "b"], OutDir = "out",
        };
        var path = Path.Combine(RepoPaths.NewTempDir(), file);
        ConfigLoader.SaveResolved(original, path);
        var loaded = ConfigLoader.Load<SampleStageConfig>(path);
        (loaded with { Targets = original.Targets }).ShouldBe(original);
        loaded.Targets.ShouldBe(original.Targets);
        Directory.GetFiles(Path.GetDirectoryName(path)!).Length.ShouldBe(1);
    }
}
