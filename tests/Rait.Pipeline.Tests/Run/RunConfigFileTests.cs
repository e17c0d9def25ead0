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
    public void DeviceAndThinking_LoadFromTheTopOfTheFile()
    {
        var path = WriteConfig("gpu", "device = \"cuda:1\"\nthinking = true\n");
        var c = ConfigLoader.Load<RunConfig>(path);
        c.Device.ShouldBe("cuda:1");
        c.Thinking.ShouldBeTrue();
        new RunConfig { Model = "m", Train = "t", Eval = [new EvalSet { Name = "ID", Path = "x" }] }.Device.ShouldBe("auto");
    }

    [Theory]
    [InlineData("device = \"gpu\"\n", "device: expected auto, cpu, cuda or cuda:N")]
    [InlineData("[training]\ndevice = \"cpu\"\n", "training.device: set device at the top")]
    public void BadDevice_ErrorNamesTheKey(string extra, string expected)
    {
        var path = WriteConfig("bad", extra);
        Should.Throw<RaitException>(() => ConfigLoader.Load<RunConfig>(path)).Message.ShouldContain(expected);
    }

    [Fact]
    public void UnknownKey_ErrorNamesKeyAndFile()
    {
        var path = WriteConfig("bad", "probe_samplez = 3\n");
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<RunConfig>(path));
        e.Message.ShouldContain("bad.toml");
        e.Message.ShouldContain("probe_samplez");
    }

    [Fact]
    public void UnknownMethod_ErrorListsAllowedValues()
    {
        var path = WriteConfig("bad", "methods = [\"crafty\"]\n");
        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<RunConfig>(path));
        e.Message.ShouldContain("methods");
    }

    /// <summary>A run config with the required keys and <paramref name="extra"/> TOML after them, in a fresh folder.</summary>
    private static string WriteConfig(string name, string extra)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), name + ".toml");
        File.WriteAllText(path, "model = \"m\"\ntrain = \"t\"\neval = [ { name = \"ID\", path = \"x\" } ]\n" + extra);
        return path;
    }

    [Fact]
    public void ModelTable_Endpoint_LoadsAndRoundTrips_FolderStringStillWorks()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "endpoint.toml");
        File.WriteAllText(path, "train = \"t\"\neval = [ { name = \"ID\", path = \"x\" } ]\n[model]\nendpoint = \"http://127.0.0.1:8000/v1\"\nname = \"qwen\"\nconcurrency = 2\n");

        var c = ConfigLoader.Load<RunConfig>(path);
        var resolved = Path.Combine(dir, "resolved.toml");
        ConfigLoader.SaveResolved(c, resolved);
        var again = ConfigLoader.Load<RunConfig>(resolved);

        c.Model.Path.ShouldBeNull();
        c.Model.Endpoint!.Endpoint.ShouldBe("http://127.0.0.1:8000/v1");
        c.Model.Endpoint.Name.ShouldBe("qwen");
        c.Model.Endpoint.Concurrency.ShouldBe(2);
        again.Model.ShouldBe(c.Model);
        var folder = Path.Combine(dir, "folder.toml");
        File.WriteAllText(folder, "model = \"m\"\ntrain = \"t\"\neval = [ { name = \"ID\", path = \"x\" } ]\n");
        ConfigLoader.Load<RunConfig>(folder).Model.Path.ShouldBe("m");
    }

    [Theory]
    [InlineData("endpoint = \"http://h/v1\"\nnam = \"q\"", "model.nam: unknown key")]
    [InlineData("name = \"q\"", "model.endpoint: required")]
    [InlineData("endpoint = \"http://h/v1\"", "model.name: required")]
    [InlineData("endpoint = \"ftp://h\"\nname = \"q\"", "model.endpoint: expected an absolute http(s) URL")]
    public void ModelTable_BadEntry_ErrorNamesTheKey(string table, string expected)
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "bad.toml");
        File.WriteAllText(path, $"train = \"t\"\neval = [ {{ name = \"ID\", path = \"x\" }} ]\n[model]\n{table}\n");

        var e = Should.Throw<RaitException>(() => ConfigLoader.Load<RunConfig>(path));

        e.Message.ShouldContain("bad.toml");
        e.Message.ShouldContain(expected);
    }
}
