using Rait.Core;
using Rait.Model.Checkpoints;
using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Tests;
using static TorchSharp.torch;

namespace Rait.Training.Tests;

/// <summary>LoRA invariants: identity at init, merge = unmerged forward, only adapters train, PEFT round trip.</summary>
public sealed class LoraTests
{
    private static readonly long[] Ids = [1, 80, 147, 201, 282, 57, 9];

    private static Tensor Logits(LlamaForCausalLM m)
    {
        using var noGrad = no_grad();
        return m.call(new ForwardInput(tensor(Ids).unsqueeze(0)));
    }

    private static LlamaForCausalLM WithLora(LoraOptions o) =>
        HfModelLoader.Load(TinyTasks.FixturePath, new ModelLoadOptions { Linear = LoraInjector.Factory(o) });

    [Fact]
    public void FreshAdapter_OutputEqualsBaseModel()
    {
        using var plain = HfModelLoader.Load(TinyTasks.FixturePath);
        using var lora = WithLora(new LoraOptions { Rank = 4 });
        using var a = Logits(plain);
        using var b = Logits(lora);
        (a - b).abs().max().item<float>().ShouldBe(0f);
        LoraInjector.LoraLayers(lora).Count().ShouldBe(2 * 7);
    }

    [Fact]
    public void Merge_EqualsUnmergedForward_AndUnmergeRestores()
    {
        using var model = WithLora(new LoraOptions { Rank = 4, Alpha = 8 });
        using (no_grad())
            foreach (var (_, p) in LoraInjector.AdapterParameters(model)) p.copy_(randn(p.shape) * 0.05);
        using var unmerged = Logits(model);
        LoraInjector.MergeAll(model);
        using var merged = Logits(model);
        LoraInjector.UnmergeAll(model);
        using var restored = Logits(model);
        (unmerged - merged).abs().max().item<float>().ShouldBeLessThan(1e-4f);
        (unmerged - restored).abs().max().item<float>().ShouldBeLessThan(1e-4f);
        using var baseModel = HfModelLoader.Load(TinyTasks.FixturePath);
        using var baseLogits = Logits(baseModel);
        (unmerged - baseLogits).abs().max().item<float>().ShouldBeGreaterThan(1e-3f); // the adapter really changes the output
    }

    [Fact]
    public void FreezeBase_OnlyAdaptersRequireGrad()
    {
        using var model = WithLora(new LoraOptions { TargetModules = ["q_proj", "v_proj"] });
        LoraInjector.FreezeBase(model);
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        trainable.ShouldNotBeEmpty();
        trainable.ShouldAllBe(n => n.Contains(".lora_A.") || n.Contains(".lora_B."));
        trainable.Count.ShouldBe(2 * 2 * 2); // layers × (q, v) × (A, B)
    }

    [Fact]
    public void PeftAdapter_SaveLoad_RoundTripsOutputs()
    {
        var o = new LoraOptions { Rank = 4, Alpha = 8, UseRsLora = true };
        using var model = WithLora(o);
        using (no_grad())
            foreach (var (_, p) in LoraInjector.AdapterParameters(model)) p.copy_(randn(p.shape) * 0.05);
        var dir = RepoPaths.NewTempDir();
        PeftAdapter.Save(model, o, dir, "tinystories-656k");
        File.ReadAllText(Path.Combine(dir, "adapter_config.json")).ShouldContain("\"use_rslora\": true");
        SafetensorsFile.Open(Path.Combine(dir, "adapter_model.safetensors")).Entries.Keys
            .ShouldContain("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight");
        using var loaded = PeftAdapter.LoadWithAdapter(TinyTasks.FixturePath, dir);
        using var a = Logits(model);
        using var b = Logits(loaded);
        (a - b).abs().max().item<float>().ShouldBeLessThan(1e-5f);
    }

    [Fact]
    public void Adapter_ForAnotherBase_ClearError()
    {
        var o = new LoraOptions { Rank = 4 };
        using var model = WithLora(o);
        var dir = RepoPaths.NewTempDir();
        PeftAdapter.Save(model, o, dir, "tinystories-656k");
        // A different base: same family, other widths.
        var other = RepoPaths.NewTempDir();
        using (var m = new LlamaForCausalLM(new LlamaConfig { HiddenSize = 64, IntermediateSize = 96, NumLayers = 2, NumHeads = 4, VocabSize = 2048, MaxPositions = 64 }))
            HfCheckpoint.Save(m, other);
        var e = Should.Throw<RaitException>(() => PeftAdapter.LoadWithAdapter(other, dir));
        e.Message.ShouldContain("does not match the base model");
    }

    [Fact]
    public void UnknownTargetModule_ValidationError()
    {
        new LoraOptions { TargetModules = ["q_proj", "qkv"] }.Validate().ShouldContain(s => s.Contains("\"qkv\" is not a module"));
    }
}
