using System.Text.Json.Nodes;
using Rait.Model.Checkpoints;
using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Tests;
using static TorchSharp.torch;

namespace Rait.Cli.Tests;

/// <summary>`rait merge` writes the base model's dtype by default, shards like save_pretrained, and checks its options first.</summary>
public sealed class MergeCommandTests
{
    private static readonly long[] Ids = [1, 80, 147, 201, 282, 57, 9];
    private static string Fixture => RepoPaths.Fixture("tinystories-656k");

    [Fact]
    public void Merge_Defaults_WriteOneFileInTheBaseDtype_WithTheAdaptersEffect()
    {
        // Given a non-trivial adapter for the float32 tiny model
        var dir = RepoPaths.NewTempDir();
        var adapter = MakeAdapter(Path.Combine(dir, "adapter"));
        var outDir = Path.Combine(dir, "merged");

        // When it is merged with the default options
        var run = CliHarness.Run("merge", "--model", Fixture, "--adapter", adapter, "--out", outDir);

        // Then the folder holds one float32 model.safetensors, the tokenizer, and the adapted model's outputs
        run.ExitCode.ShouldBe(0, run.Stderr);
        File.Exists(Path.Combine(outDir, "model.safetensors")).ShouldBeTrue();
        File.Exists(Path.Combine(outDir, "model.safetensors.index.json")).ShouldBeFalse();
        File.Exists(Path.Combine(outDir, "tokenizer.json")).ShouldBeTrue();
        TorchDtype(outDir).ShouldBe("float32");
        using var adapted = PeftAdapter.LoadWithAdapter(Fixture, adapter);
        using var merged = HfModelLoader.Load(outDir);
        using var a = Logits(adapted);
        using var b = Logits(merged);
        (a - b).abs().max().item<float>().ShouldBeLessThan(1e-4f);
    }

    [Fact]
    public void Merge_Bfloat16WithSmallShards_WritesAnHfShardedFolderThatLoads()
    {
        var dir = RepoPaths.NewTempDir();
        var adapter = MakeAdapter(Path.Combine(dir, "adapter"));
        var outDir = Path.Combine(dir, "merged");

        var run = CliHarness.Run("merge", "--model", Fixture, "--adapter", adapter, "--out", outDir,
            "--dtype", "bfloat16", "--max-shard-size", "300KB");

        run.ExitCode.ShouldBe(0, run.Stderr);
        File.Exists(Path.Combine(outDir, "model.safetensors")).ShouldBeFalse();
        var weightMap = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "model.safetensors.index.json")))!["weight_map"]!.AsObject();
        var shards = weightMap.Select(kv => kv.Value!.GetValue<string>()).Distinct().ToList();
        shards.Count.ShouldBeGreaterThan(1);
        shards.ShouldAllBe(s => s.EndsWith($"-of-{shards.Count:D5}.safetensors"));
        TorchDtype(outDir).ShouldBe("bfloat16");
        using var adapted = PeftAdapter.LoadWithAdapter(Fixture, adapter);
        using var merged = HfModelLoader.Load(outDir);
        using var a = Logits(adapted);
        using var b = Logits(merged);
        (a - b).abs().max().item<float>().ShouldBeLessThan(0.5f); // bf16 rounding only, not a different model
    }

    [Theory]
    [InlineData("--dtype", "float64")]
    [InlineData("--max-shard-size", "5 gigs")]
    [InlineData("--max-shard-size", "0")]
    public void Merge_BadOption_NamesItAndWritesNothing(string option, string value)
    {
        var dir = RepoPaths.NewTempDir();
        var outDir = Path.Combine(dir, "merged");

        // The adapter folder does not exist: the option must be refused before anything is loaded.
        var run = CliHarness.Run("merge", "--model", Fixture, "--adapter", Path.Combine(dir, "none"), "--out", outDir, option, value);

        run.ExitCode.ShouldNotBe(0);
        run.Stderr.ShouldContain($"{option}: expected");
        run.Stderr.ShouldContain($"\"{value}\"");
        Directory.Exists(outDir).ShouldBeFalse();
    }

    [Fact]
    public void Merge_IntoAFolderWithAShardedModel_IsRefused()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "model.safetensors.index.json"), "{}");

        var run = CliHarness.Run("merge", "--model", Fixture, "--adapter", Path.Combine(dir, "none"), "--out", dir);

        run.ExitCode.ShouldNotBe(0);
        run.Stderr.ShouldContain("already holds a model");
    }

    private static string MakeAdapter(string dir)
    {
        var o = new LoraOptions { Rank = 4, Alpha = 8 };
        using var model = HfModelLoader.Load(Fixture, new ModelLoadOptions { Linear = LoraInjector.Factory(o) });
        manual_seed(3);
        using (no_grad())
            foreach (var (_, p) in LoraInjector.AdapterParameters(model))
            {
                using var scope = NewDisposeScope();
                p.copy_(randn(p.shape) * 0.05);
            }
        PeftAdapter.Save(model, o, dir, "tinystories-656k");
        return dir;
    }

    private static string TorchDtype(string modelDir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(modelDir, "config.json")))!["torch_dtype"]!.GetValue<string>();

    private static Tensor Logits(LlamaForCausalLM m)
    {
        using var noGrad = no_grad();
        return m.call(new ForwardInput(tensor(Ids).unsqueeze(0)));
    }
}
