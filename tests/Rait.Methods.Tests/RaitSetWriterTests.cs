using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Methods.Options;
using Rait.Methods.Output;

namespace Rait.Methods.Tests;

public class RaitSetWriterTests
{
    private static RaitBuildResult Cor(long seed = 0, string? system = null)
    {
        var rows = Enumerable.Range(0, 20).Select(i => Probes.Open($"q{i:D2}", i < 10 ? 1.0 : 0.0, exposure: i)).ToArray();
        var o = new CorOptions { Size = new SetSize { Total = 10 }, Seed = seed, Prompt = new PromptOptions { System = system } };
        return MethodFactory.Create(o).Build(Probes.Input(rows));
    }

    private static RaitBuildResult Weighted() => Cor() with
    {
        Examples = Cor().Examples.Select((e, i) => e with { Weight = i == 0 ? 2.4 : i == 1 ? 0.2 : 1.0 }).ToList(),
    };

    [Fact]
    public void Write_CreatesEveryFileWithExpectedShapes()
    {
        var dir = Rait.Tests.RepoPaths.NewTempDir();
        var result = Cor(system: "Be honest.");
        var manifest = RaitSetWriter.Write(dir, result);

        foreach (var f in manifest.Files) File.Exists(Path.Combine(dir, f)).ShouldBeTrue(f);
        Jsonl.Read<SftExample>(Path.Combine(dir, RaitSetWriter.SftFile)).ShouldBe(result.Examples);

        using var alpaca = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RaitSetWriter.AlpacaFile)));
        alpaca.RootElement.GetArrayLength().ShouldBe(10);
        var a0 = alpaca.RootElement[0];
        a0.GetProperty("instruction").GetString().ShouldBe(result.Examples[0].Prompt);
        a0.GetProperty("input").GetString().ShouldBe("");
        a0.GetProperty("output").GetString().ShouldBe(result.Examples[0].Answer);
        a0.GetProperty("system").GetString().ShouldBe("Be honest.");
        a0.GetProperty("weight").GetDouble().ShouldBe(1.0);

        using var share = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RaitSetWriter.ShareGptFile)));
        var conv = share.RootElement[0].GetProperty("conversations");
        conv[0].GetProperty("from").GetString().ShouldBe("human");
        conv[1].GetProperty("from").GetString().ShouldBe("gpt");

        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RaitSetWriter.DatasetInfoFile)));
        var alpacaInfo = info.RootElement.GetProperty("rait_cor_alpaca");
        alpacaInfo.GetProperty("file_name").GetString().ShouldBe("alpaca.json");
        alpacaInfo.GetProperty("formatting").GetString().ShouldBe("alpaca");
        alpacaInfo.GetProperty("columns").GetProperty("system").GetString().ShouldBe("system");
        info.RootElement.GetProperty("rait_cor_sharegpt").GetProperty("tags").GetProperty("assistant_tag").GetString().ShouldBe("gpt");

        var msgLine = File.ReadLines(Path.Combine(dir, RaitSetWriter.TrlMessagesFile)).First();
        using var msg = JsonDocument.Parse(msgLine);
        var roles = msg.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        roles.ShouldBe(["system", "user", "assistant"]);
        using var pc = JsonDocument.Parse(File.ReadLines(Path.Combine(dir, RaitSetWriter.TrlPromptCompletionFile)).First());
        pc.RootElement.GetProperty("completion")[0].GetProperty("content").GetString().ShouldBe(result.Examples[0].Answer);
        pc.RootElement.GetProperty("prompt").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Write_Manifest_HoldsMethodOptionsInputsCountsSeed()
    {
        var dir = Rait.Tests.RepoPaths.NewTempDir();
        RaitSetWriter.Write(dir, Cor(seed: 9));
        using var m = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RaitSetWriter.ManifestFile)));
        var root = m.RootElement;
        root.GetProperty("method").GetString().ShouldBe("cor");
        root.GetProperty("seed").GetInt64().ShouldBe(9);
        root.GetProperty("options").GetProperty("method").GetString().ShouldBe("cor");
        root.GetProperty("options").GetProperty("on_shortfall").GetString().ShouldBe("error");
        root.GetProperty("options").GetProperty("size").GetProperty("total").GetInt32().ShouldBe(10);
        var input = root.GetProperty("inputs")[0];
        input.GetProperty("model_fingerprint").GetString().ShouldBe(Probes.Model);
        input.GetProperty("fingerprint").GetString()!.Length.ShouldBe(64);
        root.GetProperty("summary").GetProperty("by_reason").GetProperty("known:keep").GetInt32().ShouldBe(8);
        root.GetProperty("summary").GetProperty("by_reason").GetProperty("unknown:refuse").GetInt32().ShouldBe(2);
        root.GetProperty("candidates").GetProperty("known").GetInt32().ShouldBe(10);
    }

    [Fact]
    public void Read_WrittenManifest_GivesItsCountsBack_MissingOneIsAClearError()
    {
        var dir = Rait.Tests.RepoPaths.NewTempDir();
        var written = RaitSetWriter.Write(dir, Cor(seed: 4));

        var back = BuildManifest.Read(dir);

        back.Method.ShouldBe("cor");
        back.Seed.ShouldBe(4);
        back.Options.ShouldBeOfType<CorOptions>();
        back.Candidates.ShouldBe(written.Candidates);
        back.Candidates.Keys.ShouldBe(written.Candidates.Keys); // the method's order survives
        back.Summary.Rows.ShouldBe(10);
        back.Summary.Refusals.ShouldBe(2);
        File.Delete(Path.Combine(dir, RaitSetWriter.ManifestFile));
        Should.Throw<RaitException>(() => BuildManifest.Read(dir)).Message.ShouldContain("manifest.json: missing");
        File.WriteAllText(Path.Combine(dir, RaitSetWriter.ManifestFile), "{\"method\": 3}");
        Should.Throw<RaitException>(() => BuildManifest.Read(dir)).Message.ShouldContain("not a valid build manifest");
    }

    [Fact]
    public void Write_ManifestOptions_RoundTripToTheSameRecord()
    {
        var dir = Rait.Tests.RepoPaths.NewTempDir();
        var options = new GraitOptions { Sign = GraitWeightSign.CodeParity, WeightSum = 500, Seed = 3 };
        var json = JsonSerializer.Serialize<MethodOptions>(options, RaitSetWriter.ManifestJson);
        var back = JsonSerializer.Deserialize<MethodOptions>(json, RaitSetWriter.ManifestJson);
        back.ShouldBeOfType<GraitOptions>();
        JsonSerializer.Serialize(back, RaitSetWriter.ManifestJson).ShouldBe(json);
        Directory.Delete(dir);
    }

    [Fact]
    public void Write_DuplicateByWeight_RepeatsRowsAndKeepsWeightColumn()
    {
        var dir = Rait.Tests.RepoPaths.NewTempDir();
        var result = Weighted();
        var manifest = RaitSetWriter.Write(dir, result, new ExportOptions { DuplicateByWeight = true });
        // weights 2.4 → 2 copies, 0.2 → 0 copies, eight rows of 1 → 8: 10 rows.
        manifest.ExportedRows.ShouldBe(10);
        var lines = File.ReadAllLines(Path.Combine(dir, RaitSetWriter.TrlMessagesFile));
        lines.Length.ShouldBe(10);
        lines.Count(l => l.Contains($"\"id\":\"{result.Examples[0].Id}\"")).ShouldBe(2);
        lines.ShouldNotContain(l => l.Contains($"\"id\":\"{result.Examples[1].Id}\""));
        lines.First(l => l.Contains($"\"id\":\"{result.Examples[0].Id}\"")).ShouldContain("\"weight\":2.4");
        File.ReadAllLines(Path.Combine(dir, RaitSetWriter.SftFile)).Length.ShouldBe(10); // our own file is never duplicated
    }

    [Fact]
    public void Write_SameSeed_ByteIdenticalFiles()
    {
        var d1 = Rait.Tests.RepoPaths.NewTempDir();
        var d2 = Rait.Tests.RepoPaths.NewTempDir();
        var m = RaitSetWriter.Write(d1, Cor(seed: 4));
        RaitSetWriter.Write(d2, Cor(seed: 4));
        foreach (var f in m.Files) File.ReadAllBytes(Path.Combine(d2, f)).ShouldBe(File.ReadAllBytes(Path.Combine(d1, f)), f);
        var d3 = Rait.Tests.RepoPaths.NewTempDir();
        RaitSetWriter.Write(d3, Cor(seed: 5));
        File.ReadAllBytes(Path.Combine(d3, RaitSetWriter.SftFile)).ShouldNotBe(File.ReadAllBytes(Path.Combine(d1, RaitSetWriter.SftFile)));
    }

    [Fact]
    public void Write_InvalidWeight_WritesNothing()
    {
        var dir = Path.Combine(Rait.Tests.RepoPaths.NewTempDir(), "set");
        var bad = Cor() with { Examples = Cor().Examples.Select((e, i) => i == 3 ? e with { Weight = double.NaN } : e).ToList() };
        Should.Throw<RaitException>(() => RaitSetWriter.Write(dir, bad)).Message.ShouldContain("Nothing was written");
        Directory.Exists(dir).ShouldBeFalse();
    }

    [Fact]
    public void Write_FailureMidway_LeavesNoManifestAndNoTempFiles()
    {
        var dir = Rait.Tests.RepoPaths.NewTempDir();
        RaitSetWriter.Write(dir, Cor(seed: 1));
        // Block the TRL export: a file where its folder must go makes the write fail after sft.jsonl was replaced.
        Directory.Delete(Path.Combine(dir, "trl"), recursive: true);
        File.WriteAllText(Path.Combine(dir, "trl"), "not a folder");
        Should.Throw<IOException>(() => RaitSetWriter.Write(dir, Cor(seed: 2)));
        File.Exists(Path.Combine(dir, RaitSetWriter.ManifestFile)).ShouldBeFalse(); // the folder no longer claims to be a complete set
        Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
