using System.Text.Json.Nodes;
using Rait.Model.Checkpoints;
using Rait.Model.Llama;
using Rait.Model.Modules;
using Rait.Tests;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Llama;

/// <summary>
/// Sliding-window attention and rope_scaling (linear, llama3, yarn) against the reference numbers written by
/// Reference/make_reference.py: tiny random HF folders whose logits were computed there, in double precision,
/// independently of this code. Sequences run past the window and past YaRN's original context.
/// </summary>
public sealed class LongContextParityTests
{
    private static string Case(string name) => Path.Combine(RepoPaths.Root, "tests", "Rait.Model.Tests", "Reference", name);

    public static TheoryData<string> Cases => new() { "mistral-sliding", "qwen2-sliding", "qwen2-yarn", "llama-linear", "llama-llama3" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FullForward_MatchesReference(string name)
    {
        var (ids, expected) = Expected(name);
        using var model = HfModelLoader.Load(Case(name));
        MaxDifference(FullLogits(model, ids), expected).ShouldBeLessThan(1e-4);
    }

    [Theory]
    [InlineData("mistral-sliding")]
    [InlineData("qwen2-sliding")]
    [InlineData("qwen2-yarn")]
    public void WithoutTheLongContextRule_LogitsDiffer(string name)
    {
        // The cases are long enough that the window and the scaling matter, so the parity test above can fail.
        var (ids, expected) = Expected(name);
        var config = HfConfigReader.Read(Case(name));
        using var model = HfModelLoader.Load(Case(name));
        using var plain = new LlamaForCausalLM(config with { SlidingWindow = null, RopeScaling = null, MaxPositions = ids.Length });
        using (no_grad())
            foreach (var (key, p) in model.state_dict()) plain.state_dict()[key].copy_(p);
        MaxDifference(FullLogits(plain, ids), expected).ShouldBeGreaterThan(1e-2);
    }

    [Theory]
    [InlineData("mistral-sliding")]
    [InlineData("qwen2-sliding")]
    [InlineData("qwen2-yarn")]
    public void CachedDecode_OfRowsOfDifferentLengths_MatchesReference(string name)
    {
        // Given two rows prefilled with 3 and 5 tokens and then decoded one token per step through the slot cache,
        // past the sliding window (and YaRN's original context) with a key mask because their lengths differ
        var (ids, expected) = Expected(name);
        using var model = HfModelLoader.Load(Case(name));
        var c = model.Config;
        using var cache = new SlotKvCache(c.NumLayers, c.NumKvHeads, c.HeadDim, c.ContextLength, model.Dtype, model.Device, positionBlock: 4);
        int[] starts = [3, 5];
        var got = new[] { new List<float[]>(), new List<float[]>() };
        using var noGrad = no_grad();
        for (int r = 0; r < 2; r++)
        {
            using var scope = NewDisposeScope();
            int slot = cache.AddSlot(starts[r]);
            var prompt = tensor(ids.Take(starts[r]).Select(i => (long)i).ToArray()).unsqueeze(0);
            got[r].Add(model.call(new ForwardInput(prompt, Cache: cache.Prefill(slot), LastOnly: true))[0, 0].data<float>().ToArray());
        }
        for (int step = 0; starts[1] + step < ids.Length; step++)
        {
            using var scope = NewDisposeScope();
            var next = tensor(new long[] { ids[starts[0] + step], ids[starts[1] + step] }).view(2, 1);
            var (view, positions, mask) = cache.Decode(2);
            var logits = model.call(new ForwardInput(next, positions, mask, view, LastOnly: true));
            for (int r = 0; r < 2; r++) got[r].Add(logits[r, 0].data<float>().ToArray());
        }

        // Then every step's logits equal the reference's at that row's position
        double max = 0;
        for (int r = 0; r < 2; r++)
            for (int s = 0; s < got[r].Count; s++)
            {
                var want = expected[starts[r] - 1 + s];
                for (int j = 0; j < want.Length; j++) max = Math.Max(max, Math.Abs(got[r][s][j] - want[j]));
            }
        max.ShouldBeLessThan(1e-4);
        got[1].Count.ShouldBe(ids.Length - starts[1] + 1);
    }

    [Fact]
    public void ScaledInverseFrequencies_AndAttentionFactors_MatchReference()
    {
        var variants = JsonNode.Parse(File.ReadAllText(Case("rope.json")))!.AsObject();
        variants.Count.ShouldBeGreaterThanOrEqualTo(8);
        foreach (var (name, v) in variants)
        {
            var config = HfConfigReader.Parse(v!["config"]!.AsObject(), name);
            var want = v["inv_freq"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
            var got = RotaryEmbedding.InverseFrequencies(config);
            got.Length.ShouldBe(want.Length, name);
            for (int j = 0; j < want.Length; j++)
                Math.Abs(got[j] - want[j]).ShouldBeLessThan(1e-6 * want[j] + 1e-12, $"{name} inv_freq[{j}]");
            (config.RopeScaling?.AttentionFactor ?? 1.0).ShouldBe(v["attention_factor"]!.GetValue<double>(), 1e-12, name);
        }
    }

    [Fact]
    public void YarnContextLength_IsFactorTimesTheOriginal()
    {
        var config = HfConfigReader.Read(Case("qwen2-yarn"));
        config.MaxPositions.ShouldBe(32);
        config.ContextLength.ShouldBe(128);
        using var model = HfModelLoader.Load(Case("qwen2-yarn"));
        Should.Throw<Core.RaitException>(() => model.call(new ForwardInput(zeros(1, 129, ScalarType.Int64)))).Message.ShouldContain("128");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConfigRoundTrip_KeepsWindowAndScaling(string name)
    {
        var config = HfConfigReader.Read(Case(name));
        var again = HfConfigReader.Parse(HfConfigReader.ToJson(config), name);
        again.RopeScaling.ShouldBe(config.RopeScaling);
        again.SlidingWindow.ShouldBe(config.SlidingWindow);
        again.ContextLength.ShouldBe(config.ContextLength);
        Enumerable.Range(0, config.NumLayers).Select(again.IsSliding).ShouldBe(Enumerable.Range(0, config.NumLayers).Select(config.IsSliding));
    }

    private static (int[] Ids, float[][] Logits) Expected(string name)
    {
        var o = JsonNode.Parse(File.ReadAllText(Path.Combine(Case(name), "expected.json")))!;
        return (o["input_ids"]!.AsArray().Select(x => x!.GetValue<int>()).ToArray(),
            o["logits"]!.AsArray().Select(row => row!.AsArray().Select(x => x!.GetValue<float>()).ToArray()).ToArray());
    }

    private static float[][] FullLogits(LlamaForCausalLM model, int[] ids)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.call(new ForwardInput(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0)))[0];
        return Enumerable.Range(0, ids.Length).Select(t => logits[t].data<float>().ToArray()).ToArray();
    }

    private static double MaxDifference(float[][] got, float[][] want)
    {
        got.Length.ShouldBe(want.Length);
        double max = 0;
        for (int t = 0; t < want.Length; t++)
            for (int j = 0; j < want[t].Length; j++) max = Math.Max(max, Math.Abs(got[t][j] - want[t][j]));
        return max;
    }
}
