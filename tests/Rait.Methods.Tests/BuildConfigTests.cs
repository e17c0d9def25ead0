using Rait.Core;
using Rait.Core.Config;
using Rait.Methods.Config;
using Rait.Methods.Options;
using Rait.Tests;

namespace Rait.Methods.Tests;

public class BuildConfigTests
{
    private static string Write(string name, string text)
    {
        var path = Path.Combine(RepoPaths.NewTempDir("rait-build-config"), name);
        File.WriteAllText(path, text);
        return path;
    }

    public static TheoryData<string> MethodConfigFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "configs", "methods")).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(MethodConfigFiles))]
    public void LoadBuild_ExampleConfig_LoadsForMethodNamedByFile(string file)
    {
        // configs/methods/<method>.toml: the file name is the method it is written for.
        var method = Path.GetFileNameWithoutExtension(file);
        var config = StageConfigs.LoadBuild(method, Path.Combine(RepoPaths.Root, "configs", "methods", file), []);

        MethodNames.Of(config.Options).ShouldBe(method);
        MethodFactory.Create(config.Options).Name.ShouldBe(method);
    }

    [Fact]
    public void MethodConfigFiles_CoverEveryMethod()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "configs", "methods"), "*.toml").Select(Path.GetFileNameWithoutExtension);
        files.Order(StringComparer.Ordinal).ShouldBe(MethodNames.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LoadRehearsal_ExampleConfigs_Load()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "configs", "rehearsal"));
        files.ShouldNotBeEmpty();
        foreach (var f in files) StageConfigs.LoadRehearsal(f, []).Rehearsal.Prompt.Style.ShouldBe(PromptStyle.Basic);
    }

    [Fact]
    public void LoadBuild_NoFile_DefaultsOfMethodWithOverrides()
    {
        var c = StageConfigs.LoadBuild("craft", null, ["options.size.total=30", "options.variant=without_flow", "export.duplicate_by_weight=true"]);

        var craft = c.Options.ShouldBeOfType<CraftOptions>();
        craft.Size.Total.ShouldBe(30);
        craft.Variant.ShouldBe(CraftVariant.WithoutFlow);
        c.Export.DuplicateByWeight.ShouldBeTrue();
    }

    [Fact]
    public void LoadBuild_FileWithoutMethod_TakesCommandLineMethod()
    {
        var c = StageConfigs.LoadBuild("rtuning", Write("r.toml", "[options]\nmode = \"unknown\"\n"), []);

        c.Options.ShouldBeOfType<RTuningOptions>().Mode.ShouldBe(RTuningMode.Unknown);
        c.Options.Prompt.Style.ShouldBe(PromptStyle.RTuning);
    }

    [Fact]
    public void LoadBuild_UnknownKey_NamesKeyAndAllowedKeys()
    {
        var e = Should.Throw<RaitException>(() => StageConfigs.LoadBuild("cor", Write("c.toml", "[options.size]\ntotl = 3\n[exprt]\n"), []));

        e.Message.ShouldContain("c.toml: 2 problems");
        e.Message.ShouldContain("options.size.totl: unknown key; allowed keys under 'options.size': keep_parts, refuse_parts, total");
        e.Message.ShouldContain("exprt: unknown key; allowed keys: export, inputs, options");
    }

    [Fact]
    public void LoadBuild_DerivedCountKey_IsUnknown()
    {
        // keep_count is computed from total and the ratio; accepting it would silently ignore the value.
        var e = Should.Throw<RaitException>(() => StageConfigs.LoadBuild("cor", null, ["options.size.keep_count=5"]));

        e.Message.ShouldContain("options.size.keep_count: unknown key");
    }

    [Theory]
    [InlineData("[options]\nmethod = \"grait\"\n", "f.toml: options.method is 'grait' but --method is 'cor'")]
    [InlineData("{\"options\": {\"method\": \"van\"}}", "f.json: options.method is 'van' but --method is 'cor'")]
    public void LoadBuild_FileForOtherMethod_Throws(string text, string expected)
    {
        var name = text.StartsWith('{') ? "f.json" : "f.toml";
        Should.Throw<RaitException>(() => StageConfigs.LoadBuild("cor", Write(name, text), [])).Message.ShouldContain(expected);
    }

    [Fact]
    public void LoadBuild_OverrideOfMethod_Throws()
    {
        // The method comes from --method only; an override cannot turn cor options into van options.
        Should.Throw<RaitException>(() => StageConfigs.LoadBuild("cor", null, ["options.method=van"]))
            .Message.ShouldStartWith("--set options.method: unknown key; allowed keys under 'options':");
    }

    [Fact]
    public void LoadBuild_UnknownMethod_ListsMethods()
    {
        Should.Throw<RaitException>(() => StageConfigs.LoadBuild("corr", null, []))
            .Message.ShouldBe("--method: expected one of van, cor, rtuning, craft, grait, context, got 'corr'.");
    }

    [Fact]
    public void LoadBuild_InvalidValues_AllErrorsUnderOptionsKeyPath()
    {
        var e = Should.Throw<RaitException>(() => StageConfigs.LoadBuild("context", null,
            ["options.total=0", "options.answerable_share=0.9", "export.duplication_scale=0"]));

        e.Message.ShouldContain("options.total: must be > 0, got 0.");
        e.Message.ShouldContain("options: shares must sum to 1");
        e.Message.ShouldContain("export.duplication_scale: must be > 0");
    }

    [Fact]
    public void SaveResolved_ThenLoad_RoundTripsEveryMethod()
    {
        foreach (var method in MethodNames.All)
        {
            var original = StageConfigs.LoadBuild(method, null, ["options.seed=9"]) with { Inputs = new BuildInputPaths { Probe = "pool.jsonl" } };
            var path = Path.Combine(RepoPaths.NewTempDir("rait-build-config"), BuildConfig.ResolvedFileName);
            ConfigLoader.SaveResolved(original, path);

            var loaded = StageConfigs.LoadBuild(method, path, []);
            loaded.Options.Seed.ShouldBe(9, method);
            loaded.Inputs.ShouldBe(original.Inputs, method);
            loaded.Export.ShouldBe(original.Export, method);
            System.Text.Json.JsonSerializer.Serialize(loaded.Options, ConfigLoader.Options)
                .ShouldBe(System.Text.Json.JsonSerializer.Serialize(original.Options, ConfigLoader.Options), method);
        }
    }
}
