using Rait.Model.Checkpoints;
using Rait.Model.Generation;
using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Model.Modules;
using Rait.Model.Tests.Llama;
using Rait.Tests;
using TorchSharp;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Generation;

/// <summary>The C# decode step (a lone row or a batch of rows) gives the libtorch step's logits, for every family and option it claims
/// (GQA, biases, q/k norms, tied heads, sliding windows, scaled RoPE), and refuses what it does not handle.</summary>
public sealed class CpuRowDecoderTests
{
    public static TheoryData<string> Models => new()
    {
        "family:Llama", "family:Mistral", "family:Qwen2", "family:Qwen3", "bias:Llama",
        "ref:mistral-sliding", "ref:qwen2-sliding", "ref:qwen2-yarn", "ref:llama-llama3", "fixture:tinystories-656k",
        // hidden_dim 172: the down projection's inner size is not a multiple of the vector width
        "llama2c:stories260K.bin",
    };

    /// <summary><see cref="Models"/> with the kernels this machine picks and, as well, the ones AVX2 alone allows (3-row
    /// GEMM blocks, one query head at a time), which a machine with AVX-512 would otherwise never run.</summary>
    public static TheoryData<string, bool> ModelsAndKernels
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string name in Models) { data.Add(name, false); data.Add(name, true); }
            return data;
        }
    }

    private static LlamaForCausalLM Build(string name)
    {
        var (kind, arg) = (name[..name.IndexOf(':')], name[(name.IndexOf(':') + 1)..]);
        return kind switch
        {
            "family" => ModelFactory.Random(ModelFactory.Tiny(Enum.Parse<ModelFamily>(arg)), seed: 3),
            // Llama's optional biases on o_proj and the MLP, which no other family has.
            "bias" => ModelFactory.Random(ModelFactory.Tiny(ModelFamily.Llama) with { QkvBias = true, OutputBias = true, MlpBias = true }, seed: 4),
            "ref" => HfModelLoader.Load(Path.Combine(RepoPaths.Root, "tests", "Rait.Model.Tests", "Reference", arg)),
            "llama2c" => Llama2cImporter.Load(Path.Combine(RepoPaths.Fixture("stories260K"), arg)),
            _ => HfModelLoader.Load(RepoPaths.Fixture(arg)),
        };
    }

    /// <summary>A float32 CPU cache for <paramref name="c"/> that grows by 8 positions, so the tests cross several growths.</summary>
    private static SlotKvCache Cache(LlamaConfig c) =>
        new(c.NumLayers, c.NumKvHeads, c.HeadDim, c.ContextLength, ScalarType.Float32, CPU, positionBlock: 8);

    [Theory]
    [MemberData(nameof(ModelsAndKernels))]
    public void EveryStep_MatchesTheLibtorchStep(string name, bool avx2Kernels)
    {
        // Given the same prompt prefilled into two caches, one decoded by libtorch and one by the row decoder
        using var model = Build(name);
        var decoder = CpuRowDecoder.TryCreate(model, avx2Kernels).ShouldNotBeNull();
        var c = model.Config;
        int steps = Math.Min(40, c.ContextLength - 4);
        var tokens = Enumerable.Range(0, steps + 3).Select(i => (i * 7 + 3) % c.VocabSize).ToArray();
        using var torchCache = Cache(c);
        using var rowCache = Cache(c);
        using var noGrad = no_grad();
        foreach (var cache in new[] { torchCache, rowCache })
        {
            using var scope = NewDisposeScope();
            int slot = cache.AddSlot(3);
            model.call(new ForwardInput(tensor(tokens.Take(3).Select(t => (long)t).ToArray()).unsqueeze(0), Cache: cache.Prefill(slot)));
        }

        // When both decode the following tokens, past the cache's growth blocks, the windows and YaRN's original context
        double max = 0;
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            var (view, positions, mask) = torchCache.Decode(1);
            var want = model.call(new ForwardInput(tensor(new long[] { tokens[3 + s] }).view(1, 1), positions, mask, view, LastOnly: true)).view(-1);
            var got = decoder.Step([tokens[3 + s]], rowCache).view(-1);
            max = Math.Max(max, (got - want).abs().max().item<float>());
        }

        // Then the logits agree to float32 rounding at every step, and both caches hold the same length
        max.ShouldBeLessThan(1e-4);
        rowCache.LengthOf(0).ShouldBe(torchCache.LengthOf(0));
    }

    [Theory]
    [MemberData(nameof(ModelsAndKernels))]
    public void EveryStepOfABatch_MatchesTheLibtorchStep(string name, bool avx2Kernels)
    {
        // Given 7 rows with prompts of 2, 3 and 4 tokens (rows at different lengths: the masked libtorch step), prefilled
        // into two caches, one decoded by libtorch and one by the row decoder (on two threads chunks of 4 and 3 rows: a
        // 4-row and a 3-row GEMM block; the prefill test covers leftover single rows)
        using var model = Build(name);
        var decoder = CpuRowDecoder.TryCreate(model, avx2Kernels).ShouldNotBeNull();
        var c = model.Config;
        const int rows = 7;
        int steps = Math.Min(24, c.ContextLength - 6);
        int Token(int row, int i) => (row * 31 + i * 7 + 3) % c.VocabSize;
        using var torchCache = Cache(c);
        using var rowCache = Cache(c);
        using var noGrad = no_grad();
        foreach (var cache in new[] { torchCache, rowCache })
            for (int r = 0; r < rows; r++)
            {
                using var scope = NewDisposeScope();
                int length = 2 + r % 3, slot = cache.AddSlot(length);
                var ids = Enumerable.Range(0, length).Select(i => (long)Token(r, i)).ToArray();
                model.call(new ForwardInput(tensor(ids).unsqueeze(0), Cache: cache.Prefill(slot)));
            }

        // When both decode the following tokens
        double max = 0;
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            var next = Enumerable.Range(0, rows).Select(r => Token(r, 10 + s)).ToArray();
            var (view, positions, mask) = torchCache.Decode(rows);
            var want = model.call(new ForwardInput(tensor(next.Select(t => (long)t).ToArray()).view(rows, 1), positions, mask, view, LastOnly: true)).view(rows, -1);
            var got = decoder.Step(next, rowCache);
            got.shape.ShouldBe([rows, c.VocabSize]);
            max = Math.Max(max, (got - want).abs().max().item<float>());
        }

        // Then every row's logits agree to float32 rounding at every step, and every row has the same length in both caches
        max.ShouldBeLessThan(1e-4);
        for (int r = 0; r < rows; r++) rowCache.LengthOf(r).ShouldBe(torchCache.LengthOf(r));
    }

    [Theory]
    [MemberData(nameof(ModelsAndKernels))]
    public void Prefill_MatchesTheLibtorchPrefill(string name, bool avx2Kernels)
    {
        // Given five prompts of 15 tokens, run into one cache by libtorch's forward and into another by the row decoder's
        // prefill in two parts, 11 tokens and then 4 more after them (chunks of several prompts, whose GEMM blocks run
        // across prompt ends; only each prompt's last row through the head)
        using var model = Build(name);
        var decoder = CpuRowDecoder.TryCreate(model, avx2Kernels).ShouldNotBeNull();
        var c = model.Config;
        const int prompts = 5, length = 15, firstPart = 11;
        int Token(int p, int i) => (p * 29 + i * 11 + 5) % c.VocabSize;
        using var torchCache = Cache(c);
        using var rowCache = Cache(c);
        using var noGrad = no_grad();
        for (int p = 0; p < prompts; p++)
        {
            torchCache.AddSlot(length);
            rowCache.AddSlot(firstPart);
        }
        double maxLogits;
        using (var scope = NewDisposeScope())
        {
            var ids = tensor(Enumerable.Range(0, prompts).SelectMany(p => Enumerable.Range(0, length).Select(i => (long)Token(p, i))).ToArray()).view(prompts, length);
            var want = model.call(new ForwardInput(ids, Cache: torchCache.Prefill(0, prompts), LastOnly: true)).squeeze(1);
            decoder.Prefill(0, prompts, firstPart, Enumerable.Range(0, prompts).SelectMany(p => Enumerable.Range(0, firstPart).Select(i => Token(p, i))).ToArray(), rowCache);
            var got = decoder.Prefill(0, prompts, length - firstPart,
                Enumerable.Range(0, prompts).SelectMany(p => Enumerable.Range(firstPart, length - firstPart).Select(i => Token(p, i))).ToArray(), rowCache);
            got.shape.ShouldBe([prompts, c.VocabSize]);
            maxLogits = (got - want).abs().max().item<float>();
        }
        const int done = length;

        // When both then take one decode step
        using (var scope = NewDisposeScope())
        {
            var next = Enumerable.Range(0, prompts).Select(p => Token(p, 40)).ToArray();
            var (view, positions, mask) = torchCache.Decode(prompts);
            var want = model.call(new ForwardInput(tensor(next.Select(t => (long)t).ToArray()).view(prompts, 1), positions, mask, view, LastOnly: true)).view(prompts, -1);
            maxLogits = Math.Max(maxLogits, (decoder.Step(next, rowCache) - want).abs().max().item<float>());
        }

        // Then the logits agree to float32 rounding, so do the stored keys and values, and every slot has the same length
        maxLogits.ShouldBeLessThan(1e-4);
        for (int p = 0; p < prompts; p++) rowCache.LengthOf(p).ShouldBe(done + 1);
        StoredKeysAndValuesAgree(torchCache, rowCache, c.NumLayers, prompts, done + 1);
    }

    [Theory]
    [InlineData("fixture:tinystories-656k")]
    [InlineData("llama2c:stories260K.bin")]
    [InlineData("long:Mistral")]   // a sliding window shorter than a pass
    [InlineData("long:Qwen3")]     // q/k norms, a head size that is not a multiple of the vector width
    public void LongPrompts_PrefillInPasses_MatchTheLibtorchPrefill(string name)
    {
        // Given one prompt of 150 tokens and two of 70 (three passes and two: 64 + 64 + 22, 64 + 6), run into one cache by
        // libtorch's forward and into another by the row decoder's prefill
        using var model = name.StartsWith("long:", StringComparison.Ordinal)
            ? ModelFactory.Random(ModelFactory.Tiny(Enum.Parse<ModelFamily>(name[5..])) with
            {
                MaxPositions = 160, SlidingWindow = name.EndsWith("Mistral", StringComparison.Ordinal) ? 40 : null,
            }, seed: 5)
            : Build(name);
        var decoder = CpuRowDecoder.TryCreate(model).ShouldNotBeNull();
        var c = model.Config;
        int Token(int p, int i) => (p * 17 + i * 13 + 1) % c.VocabSize;
        using var noGrad = no_grad();
        foreach (var (prompts, length) in new[] { (1, 150), (2, 70) })
        {
            using var scope = NewDisposeScope();
            using var torchCache = Cache(c);
            using var rowCache = Cache(c);
            for (int p = 0; p < prompts; p++)
            {
                torchCache.AddSlot(length);
                rowCache.AddSlot(0);
            }
            var ids = Enumerable.Range(0, prompts).SelectMany(p => Enumerable.Range(0, length).Select(i => Token(p, i))).ToArray();
            var want = model.call(new ForwardInput(tensor(ids.Select(x => (long)x).ToArray()).view(prompts, length), Cache: torchCache.Prefill(0, prompts), LastOnly: true)).squeeze(1);

            // When the row decoder prefills them
            var got = decoder.Prefill(0, prompts, length, ids, rowCache);

            // Then the next-token logits and every stored key and value agree to float32 rounding
            (got - want).abs().max().item<float>().ShouldBeLessThan(1e-4f);
            for (int p = 0; p < prompts; p++) rowCache.LengthOf(p).ShouldBe(length);
            StoredKeysAndValuesAgree(torchCache, rowCache, c.NumLayers, prompts, length);
        }
    }

    /// <summary>Every layer's stored keys and values of slots 0..slots-1, positions 0..positions-1, agree to float32 rounding.</summary>
    private static void StoredKeysAndValuesAgree(SlotKvCache want, SlotKvCache got, int layers, int slots, int positions)
    {
        using var scope = NewDisposeScope();
        for (int l = 0; l < layers; l++)
        {
            var (wk, wv) = want.Storage(l);
            var (gk, gv) = got.Storage(l);
            (wk.narrow(0, 0, slots).narrow(2, 0, positions) - gk.narrow(0, 0, slots).narrow(2, 0, positions)).abs().max().item<float>().ShouldBeLessThan(1e-4f);
            (wv.narrow(0, 0, slots).narrow(2, 0, positions) - gv.narrow(0, 0, slots).narrow(2, 0, positions)).abs().max().item<float>().ShouldBeLessThan(1e-4f);
        }
    }

    [Theory]
    [InlineData(32, 2, 18, new[] { 0, 16, 32 })]
    [InlineData(40, 2, 18, new[] { 0, 18, 36, 38, 40 })]
    [InlineData(27, 2, 18, new[] { 0, 14, 27 })]
    [InlineData(1, 2, 18, new[] { 0, 1 })]
    [InlineData(20, 1, 18, new[] { 0, 18, 20 })]
    [InlineData(97, 2, 18, new[] { 0, 18, 36, 54, 72, 85, 97 })]
    [InlineData(32, 2, 6, new[] { 0, 6, 12, 18, 24, 28, 32 })]   // a prefill of 32 prompts of 10 tokens: 6 prompts a chunk
    [InlineData(5, 2, 1, new[] { 0, 1, 2, 3, 4, 5 })]
    public void Chunks_GiveEveryThreadAnEqualShare(int rows, int threads, int most, int[] expected)
    {
        // Given a step over some rows on some threads, when it is cut into chunks of at most some rows
        var starts = most == 18 ? CpuRowDecoder.ChunkStarts(rows, threads) : CpuRowDecoder.ChunkStarts(rows, threads, most);

        // Then the chunks cover the rows in order, none is over the limit, and taking them in turn gives each thread its share
        starts.ShouldBe(expected);
        var perThread = new int[threads];
        for (int c = 0; c + 1 < starts.Length; c++)
        {
            (starts[c + 1] - starts[c]).ShouldBeInRange(1, most);
            perThread[c % threads] += starts[c + 1] - starts[c];
        }
        (perThread.Max() - perThread.Min()).ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void BatchSteps_KeepTheLiveTensorCountFlat()
    {
        // A batch step creates its logits and nothing else that outlives the caller's scope
        using var model = HfModelLoader.Load(RepoPaths.Fixture("tinystories-656k"));
        var decoder = CpuRowDecoder.TryCreate(model).ShouldNotBeNull();
        var c = model.Config;
        using var cache = new SlotKvCache(c.NumLayers, c.NumKvHeads, c.HeadDim, c.ContextLength, ScalarType.Float32, CPU);
        using var noGrad = no_grad();
        for (int r = 0; r < 8; r++)
        {
            using var scope = NewDisposeScope();
            model.call(new ForwardInput(tensor(new long[] { 1, 80 + r }).unsqueeze(0), Cache: cache.Prefill(cache.AddSlot(2))));
        }
        var tokens = Enumerable.Range(0, 8).Select(i => 100 + i).ToArray();
        void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                decoder.Step(tokens, cache);
            }
        }
        Steps(5);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Steps(50);
        (DisposeScopeManager.Statistics.ThreadTotalLiveCount - before).ShouldBeLessThanOrEqualTo(0);
    }

    [Fact]
    public void LoraBfloat16AndLargeModels_KeepTheLibtorchPath()
    {
        using (var lora = new LlamaForCausalLM(ModelFactory.Tiny(ModelFamily.Llama), LoraInjector.Factory(new LoraOptions { Rank = 2 })))
            CpuRowDecoder.TryCreate(lora).ShouldBeNull();
        using (var bf16 = new LlamaForCausalLM(ModelFactory.Tiny(ModelFamily.Llama)))
        {
            bf16.to(ScalarType.BFloat16);
            CpuRowDecoder.TryCreate(bf16).ShouldBeNull();
        }
        var big = ModelFactory.Tiny(ModelFamily.Llama) with { VocabSize = 200_000, HiddenSize = 64, NumHeads = 4, NumKvHeads = 4 };
        big.ParameterCount().ShouldBeGreaterThan(CpuRowDecoder.MaxParameters);
        using (var large = new LlamaForCausalLM(big))
            CpuRowDecoder.TryCreate(large).ShouldBeNull();
    }

    [Fact]
    public void LongPromptsOfABatch_SameTokensAndLogProbsWithAndWithoutTheRowDecoder()
    {
        // Given the TinyStories fixture and prompts of 100 tokens (two passes of the row decoder's prefill) joined as a
        // batch of three, and one such prompt alone (which libtorch prefills either way)
        using var model = HfModelLoader.Load(RepoPaths.Fixture("tinystories-656k"));
        var o = new SamplingOptions { Temperature = 0, MaxNewTokens = 20, StopTokenIds = [-1] };
        int[] Prompt(int p) => Enumerable.Range(0, 100).Select(i => i == 0 ? 1 : 3 + (p * 53 + i * 29) % 2000).ToArray();
        List<(List<int> Tokens, List<float> LogProbs)> Run(bool rowDecoder, int prompts)
        {
            using var batch = new ContinuousBatch(model, rowDecoder: rowDecoder);
            var rows = batch.Join(Enumerable.Range(0, prompts).Select(p => new JoinRequest(Prompt(p), o, [null])).ToList()).Select(r => r[0]).ToList();
            while (batch.Count > 0) batch.Step();
            return rows.Select(r => (r.Tokens.ToList(), r.LogProbs.ToList())).ToList();
        }

        // When they are decoded greedily with and without the row decoder
        foreach (int prompts in new[] { 3, 1 })
        {
            var with = Run(true, prompts);
            var without = Run(false, prompts);

            // Then every row gets the same tokens, with log-probs equal to float32 rounding
            for (int r = 0; r < prompts; r++)
            {
                with[r].Tokens.ShouldBe(without[r].Tokens);
                with[r].LogProbs.Zip(without[r].LogProbs, (a, b) => Math.Abs(a - b)).Max().ShouldBeLessThan(1e-3f);
            }
        }
    }

    [Fact]
    public void LoneRowOfABatch_SameTokensWithAndWithoutTheRowDecoder()
    {
        // Greedy decoding of the TinyStories fixture: 60 steps through the row decoder or through libtorch
        using var model = HfModelLoader.Load(RepoPaths.Fixture("tinystories-656k"));
        var o = new SamplingOptions { Temperature = 0, MaxNewTokens = 60, StopTokenIds = [-1] };
        int[] prompt = [1, 80, 147, 201, 282, 57];
        List<int> Run(bool rowDecoder)
        {
            using var batch = new ContinuousBatch(model, rowDecoder: rowDecoder);
            var row = batch.Join(prompt, o, [null])[0];
            while (batch.Count > 0) batch.Step();
            return row.Tokens.ToList();
        }
        Run(true).ShouldBe(Run(false));
    }
}
