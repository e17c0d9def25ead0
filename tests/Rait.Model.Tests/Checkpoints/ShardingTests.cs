using System.Text.Json.Nodes;
using Rait.Core;
using Rait.Model.Checkpoints;
using Rait.Model.Llama;
using Rait.Tests;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Checkpoints;

/// <summary>Shard planning and size parsing follow save_pretrained; a sharded save reloads to the same model.</summary>
public sealed class ShardingTests
{
    private static readonly long[] Ids = [1, 80, 147, 201, 282, 57, 9];
    private static string Fixture => RepoPaths.Fixture("tinystories-656k");

    [Theory]
    [InlineData(new long[] { 4, 4, 4 }, 12, new[] { 0, 0, 0 })]
    [InlineData(new long[] { 4, 4, 4 }, 8, new[] { 0, 0, 1 })]
    [InlineData(new long[] { 4, 20, 4, 4 }, 10, new[] { 0, 1, 2, 2 })] // oversized tensor alone, in order
    [InlineData(new long[] { 20, 4 }, 10, new[] { 0, 1 })]             // oversized first
    [InlineData(new long[] { 3, 0, 7, 0 }, 10, new[] { 0, 0, 0, 0 })]  // exactly full, empty tensors ride along
    [InlineData(new long[] { }, 10, new int[] { })]
    public void Assign_FillsShardsInOrder(long[] sizes, long limit, int[] expected) =>
        ShardPlan.Assign(sizes, limit).ShouldBe(expected);

    [Fact]
    public void ShardFileName_IsHfStyle() =>
        ShardPlan.ShardFileName(1, 12).ShouldBe("model-00002-of-00012.safetensors");

    [Theory]
    [InlineData("5GB", 5_000_000_000L)]
    [InlineData("500MB", 500_000_000L)]
    [InlineData("300kb", 300_000L)]
    [InlineData("10GiB", 10L << 30)]
    [InlineData("2MiB", 2L << 20)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData("12345", 12345L)]
    [InlineData("64B", 64L)]
    [InlineData(" 1 TB ", 1_000_000_000_000L)]
    public void ParseSize_DecimalAndBinaryUnits(string text, long bytes) =>
        ShardPlan.ParseSize(text, "--max-shard-size").ShouldBe(bytes);

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5GB")]
    [InlineData("5 gigabytes")]
    [InlineData("GB")]
    [InlineData("0.1")]
    [InlineData("99999999999TB")]
    public void ParseSize_BadValue_NamesTheOption(string text)
    {
        var e = Should.Throw<RaitException>(() => ShardPlan.ParseSize(text, "--max-shard-size"));
        e.Message.ShouldContain("--max-shard-size");
        e.Message.ShouldContain($"\"{text}\"");
    }

    [Fact]
    public void ShardedFloat32Save_ReloadsToIdenticalLogits()
    {
        var single = RepoPaths.NewTempDir();
        var sharded = RepoPaths.NewTempDir();
        try
        {
            using (var m = HfModelLoader.Load(Fixture))
            {
                HfCheckpoint.Save(m, single);
                HfCheckpoint.Save(m, sharded, ScalarType.Float32, maxShardBytes: 300_000);
            }
            File.Exists(Path.Combine(single, "model.safetensors.index.json")).ShouldBeFalse();
            var shards = AssertShardedLayout(sharded, 300_000);
            shards.Length.ShouldBeGreaterThan(2);

            using var a = HfModelLoader.Load(single);
            using var b = HfModelLoader.Load(sharded);
            using var la = Logits(a);
            using var lb = Logits(b);
            (la - lb).abs().max().item<float>().ShouldBe(0f);
        }
        finally
        {
            Directory.Delete(single, recursive: true);
            Directory.Delete(sharded, recursive: true);
        }
    }

    [Fact]
    public void ShardedBFloat16Save_StoresRoundedWeightsAndSaysSo()
    {
        var single = RepoPaths.NewTempDir();
        var sharded = RepoPaths.NewTempDir();
        try
        {
            using var original = HfModelLoader.Load(Fixture);
            HfCheckpoint.Save(original, single, ScalarType.BFloat16);
            HfCheckpoint.Save(original, sharded, ScalarType.BFloat16, maxShardBytes: 300_000);
            AssertShardedLayout(sharded, 300_000);
            JsonNode.Parse(File.ReadAllText(Path.Combine(sharded, "config.json")))!["torch_dtype"]!.GetValue<string>().ShouldBe("bfloat16");
            foreach (var (_, file) in HfCheckpoint.Index(sharded))
                file.Entries.Values.ShouldAllBe(e => e.Dtype == "BF16");

            using var reloaded = HfModelLoader.Load(sharded);
            var want = original.state_dict();
            foreach (var (name, got) in reloaded.state_dict())
            {
                using var scope = NewDisposeScope();
                var rounded = want[name].to(ScalarType.BFloat16).to(ScalarType.Float32);
                got.equal(rounded).all().item<bool>().ShouldBeTrue(name);
            }
            using var fromSingle = HfModelLoader.Load(single);
            using var ls = Logits(fromSingle);
            using var lr = Logits(reloaded);
            (ls - lr).abs().max().item<float>().ShouldBe(0f);
        }
        finally
        {
            Directory.Delete(single, recursive: true);
            Directory.Delete(sharded, recursive: true);
        }
    }

    [Fact]
    public void SavingOverTheOtherLayout_RemovesItsStaleFiles()
    {
        var dir = RepoPaths.NewTempDir();
        try
        {
            using var m = HfModelLoader.Load(Fixture);
            HfCheckpoint.Save(m, dir);
            HfCheckpoint.Save(m, dir, ScalarType.Float32, maxShardBytes: 300_000);
            File.Exists(Path.Combine(dir, "model.safetensors")).ShouldBeFalse();
            int manyShards = AssertShardedLayout(dir, 300_000).Length;

            HfCheckpoint.Save(m, dir, ScalarType.Float32, maxShardBytes: 1_200_000); // fewer, differently named shards
            AssertShardedLayout(dir, 1_200_000).Length.ShouldBeLessThan(manyShards);

            HfCheckpoint.Save(m, dir);
            Directory.GetFiles(dir, "*.safetensors*").Select(Path.GetFileName).ShouldBe(["model.safetensors"]);
            using var back = HfModelLoader.Load(dir);
            using var a = Logits(m);
            using var b = Logits(back);
            (a - b).abs().max().item<float>().ShouldBe(0f);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Checks the index against the files on disk and returns the shard names.</summary>
    private static string[] AssertShardedLayout(string dir, long limit)
    {
        File.Exists(Path.Combine(dir, "model.safetensors")).ShouldBeFalse();
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "model.safetensors.index.json")))!;
        var weightMap = index["weight_map"]!.AsObject();
        weightMap.Select(kv => kv.Key).ShouldBe(weightMap.Select(kv => kv.Key).OrderBy(k => k, StringComparer.Ordinal));
        var shards = weightMap.Select(kv => kv.Value!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal).ToArray();
        Directory.GetFiles(dir, "model-*.safetensors").Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(shards);
        for (int i = 0; i < shards.Length; i++) shards[i].ShouldBe(ShardPlan.ShardFileName(i, shards.Length));
        long total = 0;
        foreach (var shard in shards)
        {
            var entries = SafetensorsFile.Open(Path.Combine(dir, shard)).Entries.Values.ToList();
            long bytes = entries.Sum(e => e.End - e.Begin);
            if (entries.Count > 1) bytes.ShouldBeLessThanOrEqualTo(limit, shard);
            total += bytes;
        }
        index["metadata"]!["total_size"]!.GetValue<long>().ShouldBe(total);
        return shards;
    }

    private static Tensor Logits(LlamaForCausalLM m)
    {
        using var noGrad = no_grad();
        return m.call(new ForwardInput(tensor(Ids).unsqueeze(0)));
    }
}
