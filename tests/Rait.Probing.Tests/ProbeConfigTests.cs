using Rait.Core;
using Rait.Core.Text;
using Rait.Tests;

namespace Rait.Probing.Tests;

public class ProbeConfigTests
{
    [Fact]
    public void Validate_Defaults_AreCraftAndValid()
    {
        var c = new ProbeConfig();
        c.Validate().ShouldBeEmpty();
        c.Samples.ShouldBe(10);
        c.Temperature.ShouldBe(1.0);
        c.MaxNewTokens.ShouldBe(50);
        c.FewShot.Count.ShouldBe(3);
        c.Matcher.Rule.ShouldBe(MatchRule.Contains);
        c.Matcher.Splitters.ShouldBe([ProbeConfig.CraftSplitter]);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEachWithKeyPath()
    {
        var c = new ProbeConfig
        {
            Samples = 0, Temperature = -1, MaxNewTokens = 0, Prompt = PromptStyle.Custom, BatchSize = 0,
            Certainty = CertaintyMethod.Embedding, Matcher = new MatcherOptions { F1Threshold = 2 }, StopStrings = [""],
            FewShot = [new FewShotExample("q", "")],
        };
        var errors = c.Validate();
        foreach (var key in new[] { "samples:", "temperature:", "max_new_tokens:", "custom_template:", "batch_size:", "embedding_model:", "matcher.f1_threshold:", "stop_strings[0]:", "few_shot[0]:" })
            errors.ShouldContain(e => e.StartsWith(key), key);
    }

    [Fact]
    public void Load_Toml_BindsSnakeCaseKeysAndNestedTables()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "probe.toml");
        File.WriteAllText(path, """
            samples = 5
            temperature = 0.7
            prompt = "refuse"
            certainty = "answer_logprob"
            batch_size = 16
            seed = 3
            few_shot = [{ question = "2+2?", answer = "4" }]
            [matcher]
            rule = "TokenF1"
            f1_threshold = 0.8
            """);
        var c = ProbeConfigFile.Load(path);
        c.Samples.ShouldBe(5);
        c.Temperature.ShouldBe(0.7);
        c.Prompt.ShouldBe(PromptStyle.Refuse);
        c.Certainty.ShouldBe(CertaintyMethod.AnswerLogprob);
        c.BatchSize.ShouldBe(16);
        c.Seed.ShouldBe(3);
        c.FewShot.ShouldHaveSingleItem().Answer.ShouldBe("4");
        c.Matcher.Rule.ShouldBe(MatchRule.TokenF1);
        c.Matcher.F1Threshold.ShouldBe(0.8);
    }

    [Fact]
    public void Load_UnknownKey_NamesFileAndKey()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "probe.toml");
        File.WriteAllText(path, "samples = 5\nsampels = 3\n");
        var e = Should.Throw<RaitException>(() => ProbeConfigFile.Load(path));
        e.Message.ShouldContain("probe.toml");
        e.Message.ShouldContain("sampels");
    }

    [Fact]
    public void Load_InvalidValue_ReportsValidationError()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "probe.json");
        File.WriteAllText(path, """{"samples": 0, "batch_size": -1}""");
        var e = Should.Throw<RaitException>(() => ProbeConfigFile.Load(path));
        e.Message.ShouldContain("samples:");
        e.Message.ShouldContain("batch_size:");
    }
}
