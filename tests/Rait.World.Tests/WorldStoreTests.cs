using Rait.Core;
using Rait.World.Config;
using Rait.World.Store;

namespace Rait.World.Tests;

public class WorldStoreTests : IDisposable
{
    private readonly string _root = Rait.Tests.RepoPaths.NewTempDir("rait-world-store");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Saved(string name = "w")
    {
        var dir = Path.Combine(_root, name);
        WorldStore.Save(TinyWorld.Tiny, dir);
        return dir;
    }

    [Fact]
    public void SaveThenLoad_RoundTripsWorldAndFiles()
    {
        var loaded = WorldStore.Load(Saved());
        loaded.Data.ConfigHash.ShouldBe(TinyWorld.Tiny.World.ConfigHash);
        loaded.Data.People.Count.ShouldBe(40);
        loaded.ReadCorpus().Documents.Count.ShouldBe(TinyWorld.Tiny.Corpus.Documents.Count);
        loaded.ReadOpen("id_test").Count.ShouldBe(TinyWorld.Tiny.Qa.Open["id_test"].Count);
        loaded.ReadMultipleChoice("ood_test").Count.ShouldBe(TinyWorld.Tiny.Qa.MultipleChoice["ood_test"].Count);
        loaded.ReadContexts().Count.ShouldBe(TinyWorld.Tiny.Contexts.Count);
        loaded.ReadGroundTruth().ShouldBe(TinyWorld.Tiny.GroundTruth);
        loaded.Manifest.Files.Count.ShouldBe(12);
        Directory.GetDirectories(_root).Select(Path.GetFileName).ShouldBe(["w"]); // no staging leftovers
    }

    [Fact]
    public void Save_ExistingNonWorldFolder_ClearErrorAndNothingWritten()
    {
        var dir = Path.Combine(_root, "notes");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "readme.txt"), "mine");
        var e = Should.Throw<RaitException>(() => WorldStore.Save(TinyWorld.Tiny, dir));
        e.Message.ShouldContain("exists and is not a world");
        Directory.GetFiles(dir).Select(Path.GetFileName).ShouldBe(["readme.txt"]);
        Directory.GetDirectories(_root).Length.ShouldBe(1);
    }

    [Fact]
    public void Save_EmptyExistingFolder_Accepted()
    {
        var dir = Path.Combine(_root, "empty");
        Directory.CreateDirectory(dir);
        WorldStore.Save(TinyWorld.Tiny, dir).Data.People.Count.ShouldBe(40);
    }

    [Fact]
    public void Save_FolderWithDifferentWorld_ErrorUnlessOverwrite()
    {
        var dir = Saved();
        var other = WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Tiny, 99));
        Should.Throw<RaitException>(() => WorldStore.Save(other, dir)).Message.ShouldContain("holds a different world");
        WorldStore.Save(other, dir, overwrite: true).Data.ConfigHash.ShouldBe(other.World.ConfigHash);
        WorldStore.Load(dir).Data.ConfigHash.ShouldBe(other.World.ConfigHash);
        Directory.GetDirectories(_root).Length.ShouldBe(1);
    }

    [Fact]
    public void Load_FolderWithoutManifest_NotAWorld()
    {
        var dir = Path.Combine(_root, "plain");
        Directory.CreateDirectory(dir);
        Should.Throw<RaitException>(() => WorldStore.Load(dir)).Message.ShouldContain("not a world folder");
        Should.Throw<RaitException>(() => WorldStore.Load(Path.Combine(_root, "missing"))).Message.ShouldContain("not found");
    }

    [Fact]
    public void Load_WorldJsonWrongType_ErrorNamesFileAndField()
    {
        var dir = Saved();
        var path = Path.Combine(dir, WorldFileNames.World);
        var text = File.ReadAllText(path);
        var at = text.IndexOf("\"exposure\": ", text.IndexOf("\"facts\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var end = text.IndexOf(',', at);
        File.WriteAllText(path, text[..at] + "\"exposure\": \"many\"" + text[end..]);
        var e = Should.Throw<RaitException>(() => WorldStore.Load(dir));
        e.Message.ShouldContain(WorldFileNames.World);
        e.Message.ShouldContain("people[0].facts[0].exposure");
    }

    [Fact]
    public void Load_WorldJsonInconsistentValue_ErrorNamesField()
    {
        var dir = Saved();
        var path = Path.Combine(dir, WorldFileNames.World);
        var text = File.ReadAllText(path);
        var at = text.IndexOf("\"bio_mentions\": ", StringComparison.Ordinal);
        var end = text.IndexOf(',', at);
        File.WriteAllText(path, text[..at] + "\"bio_mentions\": 7" + text[end..]);
        var e = Should.Throw<RaitException>(() => WorldStore.Load(dir));
        e.Message.ShouldContain(WorldFileNames.World);
        e.Message.ShouldContain("people[0].facts[0]");
        e.Message.ShouldContain("bio_mentions (7)");
    }

    [Fact]
    public void Load_TruncatedQaFile_ErrorNamesFile()
    {
        var dir = Saved();
        var path = Path.Combine(dir, WorldFileNames.Open("train"));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Should.Throw<RaitException>(() => WorldStore.Load(dir));
        e.Message.ShouldContain("qa_open_train.jsonl");
        e.Message.ShouldContain("modified or truncated");
    }

    [Fact]
    public void Load_MissingListedFile_ErrorNamesFile()
    {
        var dir = Saved();
        File.Delete(Path.Combine(dir, WorldFileNames.Tokenizer));
        Should.Throw<RaitException>(() => WorldStore.Load(dir)).Message.ShouldContain("tokenizer.json");
    }

    [Fact]
    public void Load_ManifestWrongFormat_ErrorNamesField()
    {
        var dir = Saved();
        var path = Path.Combine(dir, WorldFileNames.Manifest);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"rait-world\"", "\"other\""));
        var e = Should.Throw<RaitException>(() => WorldStore.Load(dir));
        e.Message.ShouldContain("world_manifest.json");
        e.Message.ShouldContain("format");
    }

    [Fact]
    public void WriteGroundTruth_UpdatesManifestSoLoadStillVerifies()
    {
        var loaded = WorldStore.Load(Saved());
        var rows = loaded.ReadGroundTruth().Select(r => r with { BaseGreedyCorrect = r.Exposure > 3, BaseGreedyAnswer = "x" }).ToList();
        WorldStore.WriteGroundTruth(loaded, rows);
        var again = WorldStore.Load(loaded.Directory);
        again.ReadGroundTruth().Count(r => r.BaseGreedyCorrect == true).ShouldBe(rows.Count(r => r.Exposure > 3));
    }

    [Fact]
    public void Save_SameWorldAgain_KeepsLaterAdditions()
    {
        var loaded = WorldStore.Load(Saved());
        var rows = loaded.ReadGroundTruth().Select(r => r with { BaseGreedyCorrect = true }).ToList();
        WorldStore.WriteGroundTruth(loaded, rows);
        WorldStore.Save(TinyWorld.Tiny, loaded.Directory).ReadGroundTruth().ShouldAllBe(r => r.BaseGreedyCorrect == true);
    }
}
