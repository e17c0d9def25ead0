using Rait.Core;
using Rait.Methods.Options;

namespace Rait.Methods.Tests;

public class InputChecksTests
{
    private static readonly VanOptions Van = new() { Total = 1 };

    [Fact]
    public void Build_MixedModelFingerprints_ThrowsNamingFileAndValues()
    {
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(Van).Build(Probes.Input(
            Probes.Open("a", 1), Probes.Open("b", 1), Probes.Open("c", 1, model: "model-B"))));
        ex.Message.ShouldContain("pool.jsonl");
        ex.Message.ShouldContain("'model-A' (2 rows");
        ex.Message.ShouldContain("'model-B' (1 rows, first id c)");
    }

    [Fact]
    public void Build_UnexpectedModelFingerprint_Throws()
    {
        var input = Probes.Input(Probes.Open("a", 1)) with { ExpectedModelFingerprint = "model-Z" };
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(Van).Build(input));
        ex.Message.ShouldContain("pool.jsonl: model_fingerprint is 'model-A' but 'model-Z' was expected");
    }

    [Fact]
    public void Build_UnexpectedPromptFingerprint_Throws()
    {
        var input = Probes.Input(Probes.Open("a", 1)) with { ExpectedPromptFingerprint = "other-data" };
        Should.Throw<RaitException>(() => MethodFactory.Create(Van).Build(input)).Message.ShouldContain("'other-data' was expected");
    }

    [Fact]
    public void Build_MatchingExpectedFingerprints_Passes()
    {
        var input = Probes.Input(Probes.Open("a", 1)) with { ExpectedModelFingerprint = Probes.Model, ExpectedPromptFingerprint = Probes.Prompt };
        MethodFactory.Create(Van).Build(input).Inputs.Single().ModelFingerprint.ShouldBe(Probes.Model);
    }

    [Theory]
    [InlineData(1.5, "field 'mu' must be in [0, 1]")]
    [InlineData(double.NaN, "field 'mu' must be in [0, 1]")]
    public void Build_BadMu_Throws(double mu, string expected) =>
        Should.Throw<RaitException>(() => MethodFactory.Create(Van).Build(Probes.Input(Probes.Open("a", mu)))).Message.ShouldContain(expected);

    [Fact]
    public void Build_MissingFingerprintOrDuplicateId_Throws()
    {
        Should.Throw<RaitException>(() => MethodFactory.Create(Van).Build(Probes.Input(Probes.Open("a", 1) with { ModelFingerprint = null! })))
            .Message.ShouldContain("row 1 (id a): missing field 'model_fingerprint'");
        Should.Throw<RaitException>(() => MethodFactory.Create(Van).Build(Probes.Input(Probes.Open("a", 1), Probes.Open("a", 0))))
            .Message.ShouldContain("duplicate id 'a'");
        Should.Throw<RaitException>(() => MethodFactory.Create(Van).Build(Probes.Input()))
            .Message.ShouldContain("has no rows");
    }

    [Fact]
    public void Load_FileWithMissingColumn_ThrowsNamingFileAndLine()
    {
        var dir = Rait.Tests.RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "probe.jsonl");
        File.WriteAllText(path, Rait.Core.Io.Jsonl.Serialize(Probes.Open("a", 1)) + "\n{\"id\":\"b\",\"kind\":\"Open\",\"question\":\"q\",\"answers\":[]}\n");
        var ex = Should.Throw<RaitException>(() => ProbeTable.Load(path));
        ex.Message.ShouldContain("probe.jsonl:2");
        Should.Throw<RaitException>(() => ProbeTable.Load(Path.Combine(dir, "none.jsonl"))).Message.ShouldContain("file not found");
    }

    [Fact]
    public void Create_InvalidOptions_ReportsEveryErrorWithKeyPath()
    {
        var ex = Should.Throw<RaitException>(() => MethodFactory.Create(new CraftOptions
        {
            Size = new SetSize { Total = 0 },
            OpenThresholds = new MuThresholds { KnownMin = 0.4, UnknownMax = 0.6 },
            Prompt = new PromptOptions { Style = PromptStyle.Custom },
        }));
        ex.Message.ShouldContain("craft.size.total");
        ex.Message.ShouldContain("craft.open_thresholds: known and unknown ranges overlap");
        ex.Message.ShouldContain("craft.prompt.open_template");
        Should.Throw<RaitException>(() => MethodFactory.Create(new GraitOptions { Temperature = 0 })).Message.ShouldContain("grait.temperature");
    }

    [Fact]
    public void Create_EachOptionsType_ResolvesItsMethod()
    {
        MethodFactory.Create(new VanOptions()).Name.ShouldBe("van");
        MethodFactory.Create(new CorOptions()).Name.ShouldBe("cor");
        MethodFactory.Create(new RTuningOptions()).Name.ShouldBe("rtuning");
        MethodFactory.Create(new CraftOptions()).Name.ShouldBe("craft");
        MethodFactory.Create(new GraitOptions()).Name.ShouldBe("grait");
        MethodFactory.Create(new ContextRefusalOptions()).Name.ShouldBe("context");
    }
}
