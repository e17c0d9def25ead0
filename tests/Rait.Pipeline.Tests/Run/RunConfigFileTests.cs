using Rait.Core;
using Rait.Core.Config;
using Rait.Pipeline.Run;
using Rait.Tests;

namespace Rait.Pipeline.Tests.Run;

/// <summary>Run configs load strictly: the shipped examples parse, unknown keys are named.</summary>
public sealed class RunConfigFileTests
{
    [Fact]
    public void ShippedRunConfigs_Load()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "configs", "run"), "*.toml");
        files.ShouldNotBeEmpty();
        foreach (var f in files)
        {
            var c = ConfigLoader.Load<RunConfig>(f);
            c.Methods.ShouldNotBeEmpty();
            c.Training.Bf16Base.ShouldBeTrue();
        }
    }

    [Fact]
    public void UnknownKey_ErrorNamesKeyAndFile()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "bad.toml");
        File.WriteAllText(path, "model = \"m\"\ntrain = \"t\"\neval = [ { name = \"ID\", path = \"x\" } ]\nprobe_samplez = 3\n");
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<RunConfig>(path));
        e.Message.ShouldContain("bad.toml");
        e.Message.ShouldContain("probe_samplez");
    }

    [Fact]
    public void UnknownMethod_ErrorListsAllowedValues()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "bad.toml");
        File.WriteAllText(path, "model = \"m\"\ntrain = \"t\"\neval = [ { name = \"ID\", path = \"x\" } ]\nmethods = [\"crafty\"]\n");
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<RunConfig>(path));
        e.Message.ShouldContain("methods");
    }
}
