using Rait.World.Config;
using Rait.World.Store;

namespace Rait.World.Tests;

public class DeterminismTests
{
    [Fact]
    public void Build_SameSeed_ByteIdenticalFiles()
    {
        var a = TinyWorld.Tiny.Files();
        var b = WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Tiny, 7)).Files();
        a.Select(f => f.Name).ShouldBe(b.Select(f => f.Name));
        for (int i = 0; i < a.Count; i++) a[i].Bytes.ShouldBe(b[i].Bytes, $"{a[i].Name} differs");
    }

    [Fact]
    public void Save_SameSeedTwoFolders_ByteIdenticalOnDisk()
    {
        var root = Rait.Tests.RepoPaths.NewTempDir("rait-world");
        var config = WorldConfig.ForSize(WorldSize.Tiny, 11);
        WorldStore.Save(WorldBuilder.Build(config), Path.Combine(root, "a"));
        WorldStore.Save(WorldBuilder.Build(config), Path.Combine(root, "b"));
        var names = Directory.GetFiles(Path.Combine(root, "a")).Select(Path.GetFileName).Order().ToList();
        names.Count.ShouldBe(13);
        foreach (var n in names)
            File.ReadAllBytes(Path.Combine(root, "b", n!)).ShouldBe(File.ReadAllBytes(Path.Combine(root, "a", n!)), n);
        Directory.Delete(root, true);
    }

    [Fact]
    public void Build_DifferentSeed_DifferentWorld()
    {
        var a = TinyWorld.Tiny;
        var b = WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Tiny, 8));
        b.World.People[0].Name.ShouldNotBe(a.World.People[0].Name);
        var fa = a.Files().ToDictionary(f => f.Name, f => f.Bytes);
        foreach (var (name, bytes) in b.Files().Where(f => f.Name != WorldFileNames.TokenizerConfig))
            bytes.SequenceEqual(fa[name]).ShouldBeFalse(name);
    }
}
