using Rait.Core;
using Rait.World.Config;
using Rait.World.Store;

namespace Rait.World.Tests;

public class WorldCacheTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        k => vars.FirstOrDefault(v => v.Key == k).Value;

    [Fact]
    public void ResolveRoot_Precedence_OptionThenRaitThenXdgThenHome()
    {
        var all = Env(("RAIT_CACHE_DIR", "/r"), ("XDG_CACHE_HOME", "/x"), ("HOME", "/h"));
        WorldCache.ResolveRoot("/opt", all).ShouldBe(Path.Combine("/opt", "worlds"));
        WorldCache.ResolveRoot(null, all).ShouldBe(Path.Combine("/r", "worlds"));
        WorldCache.ResolveRoot(null, Env(("XDG_CACHE_HOME", "/x"), ("HOME", "/h"))).ShouldBe(Path.Combine("/x", "rait", "worlds"));
        WorldCache.ResolveRoot(null, Env(("HOME", "/h"))).ShouldBe(Path.Combine("/h", ".cache", "rait", "worlds"));
    }

    [Fact]
    public void ResolveRoot_NothingSet_RaitException() =>
        Should.Throw<RaitException>(() => WorldCache.ResolveRoot(null, Env())).Message.ShouldContain("--cache-dir");

    [Fact]
    public void GetOrCreate_SecondCall_ReusesFolderKeyedByHash()
    {
        var root = Rait.Tests.RepoPaths.NewTempDir("rait-world-cache");
        var cache = new WorldCache(root);
        var config = WorldConfig.ForSize(WorldSize.Tiny, 21);
        var first = cache.GetOrCreate(config);
        first.Directory.ShouldBe(Path.Combine(root, config.Hash()));
        var stamp = File.GetLastWriteTimeUtc(first.PathOf(WorldFileNames.Corpus));
        var marker = Path.Combine(first.Directory, "model");
        Directory.CreateDirectory(marker);
        var second = cache.GetOrCreate(config);
        second.Directory.ShouldBe(first.Directory);
        File.GetLastWriteTimeUtc(second.PathOf(WorldFileNames.Corpus)).ShouldBe(stamp);
        Directory.Exists(marker).ShouldBeTrue();
        Directory.Delete(root, true);
    }

    [Fact]
    public void GetOrCreate_DamagedCachedWorld_Regenerated()
    {
        var root = Rait.Tests.RepoPaths.NewTempDir("rait-world-cache");
        var cache = new WorldCache(root);
        var config = WorldConfig.ForSize(WorldSize.Tiny, 22);
        var first = cache.GetOrCreate(config);
        File.WriteAllText(first.PathOf(WorldFileNames.Corpus), "damaged");
        cache.GetOrCreate(config).ReadCorpus().Documents.Count.ShouldBeGreaterThan(10);
        Directory.Delete(root, true);
    }
}
