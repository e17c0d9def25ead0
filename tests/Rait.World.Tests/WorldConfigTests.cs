using Rait.Core;
using Rait.World.Config;
using Rait.World.Generation;

namespace Rait.World.Tests;

public class WorldConfigTests
{
    [Theory]
    [InlineData(WorldSize.Tiny)]
    [InlineData(WorldSize.Small)]
    [InlineData(WorldSize.Default)]
    public void Validate_Presets_NoErrors(WorldSize size) => WorldConfig.ForSize(size, 1).Validate().ShouldBeEmpty();

    public static TheoryData<WorldConfig, string> BadConfigs()
    {
        var ok = WorldConfig.ForSize(WorldSize.Tiny, 1);
        return new TheoryData<WorldConfig, string>
        {
            { ok with { People = 2 }, "people:" },
            { ok with { MinAttributes = 3 }, "min_attributes:" },
            { ok with { MaxAttributes = 9 }, "max_attributes:" },
            { ok with { Exposure = ok.Exposure with { ZeroShare = 1.5 } }, "exposure.zero_share:" },
            { ok with { Exposure = ok.Exposure with { ZeroShare = double.NaN } }, "exposure.zero_share:" },
            { ok with { Exposure = ok.Exposure with { Parameter = 1.2 } }, "exposure.parameter:" },
            { ok with { Exposure = ok.Exposure with { Law = ExposureLaw.Zipf, Parameter = -1 } }, "exposure.parameter:" },
            { ok with { Exposure = ok.Exposure with { Max = 0 } }, "exposure.max:" },
            { ok with { NeverAppearShare = -0.1 }, "never_appear_share:" },
            { ok with { QuizzedShare = 2 }, "quizzed_share:" },
            { ok with { Conflicts = ok.Conflicts with { Share = 1.5 } }, "conflicts.share:" },
            { ok with { Conflicts = ok.Conflicts with { MinExposure = 2 } }, "conflicts.min_exposure:" },
            { ok with { TestPeopleShare = 0 }, "test_people_share:" },
            { ok with { BioParaphrases = 6 }, "bio_paraphrases:" },
            { ok with { QuestionPhrasings = 0 }, "question_phrasings:" },
            { ok with { QuestionPhrasings = 4, HeldOutPhrasings = 2 }, "held_out_phrasings:" },
            { ok with { HeldOutAttributes = ["favourite_color"] }, "held_out_attributes[0]:" },
            { ok with { HeldOutAttributes = ["field", "field"] }, "held_out_attributes[1]:" },
            { ok with { HeldOutAttributes = [], HeldOutPhrasings = 0 }, "held_out_attributes:" },
            { ok with { Pretrain = ok.Pretrain with { Epochs = 0 } }, "pretrain.epochs:" },
            { ok with { Pretrain = ok.Pretrain with { SequenceLength = 4 } }, "pretrain.sequence_length:" },
            { ok with { Pretrain = ok.Pretrain with { WeightDecay = 1.5 } }, "pretrain.weight_decay:" },
        };
    }

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Validate_BadValue_ErrorNamesKeyPath(WorldConfig config, string keyPath)
    {
        var errors = config.Validate();
        errors.ShouldHaveSingleItem().ShouldStartWith(keyPath);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsAll()
    {
        var bad = WorldConfig.ForSize(WorldSize.Tiny, 1) with { People = 1, QuizzedShare = 3, Exposure = new ExposureOptions { Max = 99 } };
        bad.Validate().Count.ShouldBe(3);
    }

    [Fact]
    public void Generate_InvalidConfig_ThrowsRaitExceptionListingProblems()
    {
        var bad = WorldConfig.ForSize(WorldSize.Tiny, 1) with { People = 1 };
        var e = Should.Throw<RaitException>(() => WorldGenerator.Generate(bad));
        e.Message.ShouldContain("people: expected 8..100000, got 1.");
    }

    [Theory]
    [InlineData("tiny", WorldSize.Tiny)]
    [InlineData(" Small ", WorldSize.Small)]
    [InlineData("default", WorldSize.Default)]
    public void ParseSize_KnownName_ReturnsSize(string text, WorldSize expected) => WorldConfig.ParseSize(text).ShouldBe(expected);

    [Fact]
    public void ParseSize_UnknownName_ThrowsRaitException() =>
        Should.Throw<RaitException>(() => WorldConfig.ParseSize("huge")).Message.ShouldContain("tiny, small or default");

    [Fact]
    public void Hash_DependsOnEveryField()
    {
        var a = WorldConfig.ForSize(WorldSize.Tiny, 1);
        a.Hash().ShouldBe(WorldConfig.ForSize(WorldSize.Tiny, 1).Hash());
        a.Hash().ShouldNotBe((a with { Seed = 2 }).Hash());
        a.Hash().ShouldNotBe((a with { Exposure = a.Exposure with { Parameter = 0.4 } }).Hash());
        a.Hash().ShouldNotBe((a with { Pretrain = a.Pretrain with { Epochs = 31 } }).Hash());
        a.Hash().Length.ShouldBe(16);
    }

    [Fact]
    public void PositiveProbabilities_Geometric_RatioIsOneMinusP()
    {
        var p = new ExposureOptions { Parameter = 0.4, Max = 5 }.PositiveProbabilities();
        p.Sum().ShouldBe(1.0, 1e-12);
        for (int k = 1; k < p.Length; k++) (p[k] / p[k - 1]).ShouldBe(0.6, 1e-12);
    }

    [Fact]
    public void PositiveProbabilities_Zipf_FollowsPowerLaw()
    {
        var p = new ExposureOptions { Law = ExposureLaw.Zipf, Parameter = 1.5, Max = 4 }.PositiveProbabilities();
        (p[0] / p[3]).ShouldBe(Math.Pow(4, 1.5), 1e-9);
    }

    [Fact]
    public void ConfigFile_RoundTripsTheWorldJsonShape()
    {
        var dir = Directory.CreateTempSubdirectory("rait-world-config-");
        try
        {
            var config = WorldConfig.ForSize(WorldSize.Small, 4) with { Conflicts = new ConflictOptions { Share = 0.25 } };
            var path = Path.Combine(dir.FullName, "world-config.json");
            File.WriteAllText(path, Rait.Core.Io.Jsonl.Serialize(config));
            WorldConfigFile.Load(path).Hash().ShouldBe(config.Hash());
        }
        finally { dir.Delete(recursive: true); }
    }

    [Theory]
    [InlineData("{\"seed\": 1,\n \"peoples\": 30}", "peoples")]
    [InlineData("{\"conflicts\": {\"share\": 3}}", "conflicts.share:")]
    [InlineData("{\"people\": \"many\"}", "$.people")]
    public void ConfigFile_BadContent_OneErrorNamingFileAndField(string json, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("rait-world-config-");
        try
        {
            var path = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(path, json);
            var e = Should.Throw<RaitException>(() => WorldConfigFile.Load(path));
            e.Message.ShouldStartWith(path);
            e.Message.ShouldContain(expected);
        }
        finally { dir.Delete(recursive: true); }
    }
}
