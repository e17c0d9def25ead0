using Rait.Core.Config;
using Rait.Tests;

namespace Rait.Core.Tests.Config;

public sealed class ConfigLoaderPolymorphismTests
{
    private static string Write(string text)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "m.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_KindSelectsDerivedRecord()
    {
        var c = ConfigLoader.Load<SampleMethodConfig>(Write("model = \"m\"\n[method]\nthreshold = 0.7\nkind = \"rtuning\"\n"));
        c.Method.ShouldBe(new SampleRTuning { Threshold = 0.7 });
    }

    [Fact]
    public void Load_KeyOfOtherMethod_IsUnknownWithDerivedKeysListed()
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleMethodConfig>(Write("model = \"m\"\n[method]\nkind = \"craft\"\nthreshold = 0.7\n")));
        e.Message.ShouldContain("method.threshold: unknown key; allowed keys under 'method': beta");
    }

    [Fact]
    public void Load_UnknownKind_ListsKinds()
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleMethodConfig>(Write("model = \"m\"\n[method]\nkind = \"grait\"\n")));
        e.Message.ShouldContain("method.kind: expected one of craft, rtuning, got string \"grait\"");
    }

    [Fact]
    public void Load_OverrideIntoDerivedRecord_UsesItsType()
    {
        var c = ConfigLoader.Load<SampleMethodConfig>(Write("model = \"m\"\n[method]\nkind = \"craft\"\n"), ["method.beta=0.25"]);
        c.Method.ShouldBe(new SampleCraft { Beta = 0.25 });
    }

    [Fact]
    public void Load_MissingRequiredKey_NamesIt()
    {
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<SampleMethodConfig>(Write("[method]\nkind = \"craft\"\n")));
        e.Message.ShouldContain("m.toml");
        e.Message.ShouldContain("model");
    }

    [Fact]
    public void SaveResolved_Polymorphic_RoundTripsThroughToml()
    {
        var original = new SampleMethodConfig { Model = "m", Method = new SampleRTuning { Threshold = 0.3 } };
        var path = Path.Combine(RepoPaths.NewTempDir(), "resolved_config.toml");
        ConfigLoader.SaveResolved(original, path);
        ConfigLoader.Load<SampleMethodConfig>(path).ShouldBe(original);
    }
}
