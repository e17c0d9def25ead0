using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Rait.Model.Llama;
using Rait.Model.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>
/// One decode step of the running rows of a small float32 model on the CPU, in vectorised C# over the model's own weight
/// and cache memory; also the prefill of prompts (<see cref="PrefillsHere"/>), so that a generation on such a model
/// usually makes no libtorch compute call. A libtorch step costs about 40 tensor calls per layer at 1–5 µs each, which on
/// a model of a few hundred thousand parameters is most of the step even for 32 rows; this path has no per-call cost, so
/// tiny models (the synthetic world's, TinyStories, stories260K) decode several times faster alone and about twice as
/// fast in batches.
/// Larger models and batches, other dtypes and devices, and LoRA layers keep the libtorch path, whose GEMMs win there.
/// </summary>
/// <remarks>Same math as <see cref="LlamaForCausalLM"/> (HF semantics: RMSNorm, rotate_half RoPE from the model's own
/// tables, GQA, sliding windows, q/k norms, biases, tied head); sums run in another order, so logits agree to float32
/// rounding, not bit for bit. Rows are independent in a decode step, so the batch is cut into chunks of rows and each
/// thread runs the whole forward for the chunks it takes (<see cref="SpinForkJoin"/>): one fork and join per step, not
/// per GEMM. Within a chunk, four rows (three without AVX-512) share every weight load (a register block of dot products
/// for 4 outputs), which is what makes 32 rows cost far less than 32 single-row steps. Weights are read through spans
/// taken afresh every step, so in-place updates (LoRA merges, training) are always seen. The loops are compiled fully
/// optimised at once: tier-0 code of vector types is an order of magnitude slower, and a short generation would run
/// mostly in it.</remarks>
internal sealed class CpuRowDecoder
{
    /// <summary>Above this size a step is dominated by reading the weights, which MKL's threaded GEMV does better.</summary>
    public const long MaxParameters = 8_000_000;

    /// <summary>Rows × parameters a step may cover on this path. Measured on TinyStories (656k parameters, 64 new tokens):
    /// at 32, 64 and 96 rows generation on this path ran about twice as fast as on libtorch; at 128 rows (past the limit,
    /// libtorch steps) the two were even, MKL's GEMMs being faster per FLOP than our 3-row blocks (measured before the
    /// 4-row ones).</summary>
    public const long MaxRowParameters = 64 * 1_000_000;

    private readonly LlamaConfig _c;
    private readonly RotaryEmbedding _rope;
    private readonly Tensor _embed, _finalNorm, _head;
    private readonly Layer[] _layers;
    private readonly int _threads;
    private readonly long _parameters;

    /// <summary>Whether the kernels may hold 16 accumulators at once (AVX-512's 32 vector registers, which the JIT uses for
    /// 256-bit code too; with AVX2's 16 they would spill): GEMM blocks of 4 rows instead of 3, and attention over the
    /// query heads of one key/value head in pairs, loading each key and value once for both.</summary>
    /// <remarks>Measured on TinyStories. GEMMs on its shapes, one thread, 16 rows: 4-row blocks ran 92–103 GFLOP/s
    /// against 3-row blocks' 71–95 (the head's 128 × 2048 gained most, 71 → 93); 6-row blocks and 512-bit vectors were no
    /// faster. Attention (8 query heads on 4 key/value heads), 32 rows of 256 new tokens: best of 40 generations 108–110
    /// ms in pairs against 119–120 ms one head at a time; at 64 tokens the two were within the noise. Sums run in the
    /// same order either way, so which block a row lands in does not change its result.</remarks>
    private readonly bool _wide;

    /// <summary>Most rows one thread runs through the whole forward at a time: every chunk reads every weight once from
    /// L2/L3. Measured on TinyStories, 32 rows on two threads: chunks of at most 9 rows (9 + 7 per thread) gave median steps of 0.37–0.41 ms, one chunk of 16 per thread 0.33 ms; allowing 33 or 48 rows
    /// changed nothing more at 32 or 64 rows.</summary>
    private const int ChunkRows = 18;
    private Scratch[] _scratch = [];
    private int[] _slots = [], _tokens = [], _positions = [];   // per item (a token to run): its cache slot, id and position
    private int[] _starts = [];   // ChunkStarts of the last step's row count
    private int _startsRows = -1;

    private sealed record Layer(Tensor InNorm, Tensor Q, Tensor K, Tensor V, Tensor O, Tensor? Qb, Tensor? Kb, Tensor? Vb, Tensor? Ob,
        Tensor? QNorm, Tensor? KNorm, Tensor PostNorm, Tensor Gate, Tensor Up, Tensor Down, Tensor? Gb, Tensor? Ub, Tensor? Db, bool Sliding);

    /// <summary>One thread's activations for a chunk of rows, row-major.</summary>
    private sealed class Scratch(LlamaConfig c, int rows)
    {
        public readonly float[] H = new float[rows * c.HiddenSize], X = new float[rows * c.HiddenSize];
        public readonly float[] Q = new float[rows * c.NumHeads * c.HeadDim], Att = new float[rows * c.NumHeads * c.HeadDim];
        public readonly float[] K = new float[rows * c.NumKvHeads * c.HeadDim], V = new float[rows * c.NumKvHeads * c.HeadDim];
        public readonly float[] Gate = new float[rows * c.IntermediateSize], Up = new float[rows * c.IntermediateSize];
        public readonly float[] Scores = new float[2 * c.ContextLength];   // two query heads' windows (Attend)
    }

    private CpuRowDecoder(LlamaForCausalLM model, IReadOnlyDictionary<string, Tensor> p, bool wide)
    {
        _wide = wide;
        _c = model.Config;
        _rope = model.Rope;
        _parameters = _c.ParameterCount();
        // libtorch's own thread count is what the user set for this process; the step never overlaps libtorch work.
        _threads = Math.Max(1, get_num_threads());
        Tensor? Opt(string name) => p.GetValueOrDefault(name);
        _embed = p["model.embed_tokens.weight"];
        _finalNorm = p["model.norm.weight"];
        _head = Opt("lm_head.weight") ?? _embed;
        _layers = Enumerable.Range(0, _c.NumLayers).Select(i =>
        {
            string a = $"model.layers.{i}.self_attn.", m = $"model.layers.{i}.mlp.";
            return new Layer(p[$"model.layers.{i}.input_layernorm.weight"], p[a + "q_proj.weight"], p[a + "k_proj.weight"], p[a + "v_proj.weight"],
                p[a + "o_proj.weight"], Opt(a + "q_proj.bias"), Opt(a + "k_proj.bias"), Opt(a + "v_proj.bias"), Opt(a + "o_proj.bias"),
                Opt(a + "q_norm.weight"), Opt(a + "k_norm.weight"), p[$"model.layers.{i}.post_attention_layernorm.weight"],
                p[m + "gate_proj.weight"], p[m + "up_proj.weight"], p[m + "down_proj.weight"], Opt(m + "gate_proj.bias"), Opt(m + "up_proj.bias"),
                Opt(m + "down_proj.bias"), _c.IsSliding(i));
        }).ToArray();
    }

    /// <summary>The decoder for <paramref name="model"/>, or null when it should keep the libtorch path: not on the CPU,
    /// not float32, over <see cref="MaxParameters"/>, with modules other than plain linears (LoRA), or on hardware without
    /// 256-bit vectors.</summary>
    /// <param name="avx2Kernels">Use the kernels AVX2 alone allows even where AVX-512 is present (for tests of that path).</param>
    public static CpuRowDecoder? TryCreate(LlamaForCausalLM model, bool avx2Kernels = false)
    {
        using var scope = NewDisposeScope();
        if (!Vector256.IsHardwareAccelerated || !Avx.IsSupported) return null;
        if (model.Device.type != DeviceType.CPU || model.Dtype != ScalarType.Float32 || model.Config.ParameterCount() > MaxParameters) return null;
        if (model.modules().Any(m => m is Lora.LoraLinear)) return null;
        var p = model.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        if (p.Values.Any(t => !t.is_contiguous())) return null;
        return new CpuRowDecoder(model, p, wide: Avx512F.VL.IsSupported && !avx2Kernels);
    }

    /// <summary>Threads a step runs on (libtorch's thread count).</summary>
    public int Threads => _threads;

    /// <summary>Whether a step of <paramref name="rows"/> rows is faster here than on libtorch.</summary>
    public bool Handles(int rows) => rows >= 1 && rows * _parameters <= MaxRowParameters;

    /// <summary>Feeds <paramref name="tokens"/>[i] to the row in cache slot i, for slots 0..n-1: writes each row's key and value
    /// at that row's next position and returns the next-token logits [n, V] float32.</summary>
    public Tensor Step(ReadOnlySpan<int> tokens, SlotKvCache cache)
    {
        int b = tokens.Length;
        if (b == 0 || b > cache.Count) throw new ArgumentOutOfRangeException(nameof(tokens), $"{b} tokens for {cache.Count} slots");
        Items(b);
        tokens.CopyTo(_tokens);
        // Every growth happens before any storage is read: a growth reallocates the cache tensors.
        for (int s = 0; s < b; s++)
        {
            _slots[s] = s;
            _positions[s] = checked((int)cache.LengthOf(s));
            cache.ReserveNext(s);
        }
        var stores = Enumerable.Range(0, _layers.Length).Select(cache.Storage).ToArray();
        int capacity = checked((int)cache.PositionCapacity);
        var logits = empty([b, _c.VocabSize], ScalarType.Float32);
        if (_startsRows != b) (_starts, _startsRows) = (ChunkStarts(b, _threads), b);
        var starts = _starts;
        int chunks = starts.Length - 1, threads = Math.Min(_threads, chunks);
        EnsureScratch(threads);
        SpinForkJoin.Shared.For(chunks, threads, (chunk, thread) =>
            Rows(starts[chunk], starts[chunk + 1], _scratch[thread], stores, capacity, logits, headEvery: 1, starts[chunk]));
        for (int s = 0; s < b; s++) cache.AdvanceSlot(s);
        return logits;
    }

    /// <summary>Most tokens of a prompt one prefill pass runs: longer prompts run in passes of this many, one after another,
    /// each pass writing its keys and values before the next attends to them.</summary>
    public const int PrefillPassTokens = 64;

    /// <summary>Whether <paramref name="prompts"/> prompts of <paramref name="length"/> tokens prefill faster here than on
    /// libtorch: when they are short, or when there are enough of them to keep every thread busy (a prompt runs on one
    /// thread here, while libtorch spreads even one prompt over all of them).</summary>
    /// <remarks>Measured, best of 25, two threads, C# against libtorch time (above 1: faster here). TinyStories (0.66M
    /// parameters): one prompt of 16 / 64 / 128 / 256 / 500 tokens 3.2 / 1.7 / 1.15–1.49 / 0.86 / 0.85; 32 × 10, 32 × 64
    /// and 32 × 128: 1.4–1.7; 2 × 256, 8 × 256, 4 × 500: 1.2–1.5. A random 6.8M-parameter Llama: one prompt of 16 / 64 /
    /// 128 tokens 1.5 / 0.93 / 0.68; 2 × 64 1.05, 8 × 64 1.22, 32 × 64 1.16, 2 × 256 1.18, 8 × 256 0.92.</remarks>
    public bool PrefillsHere(int prompts, int length) => length <= PrefillPassTokens || prompts >= _threads;

    /// <summary>Runs <paramref name="count"/> prompts of <paramref name="length"/> tokens (<paramref name="ids"/>, prompt after
    /// prompt) into slots first..first+count-1 after what those slots hold, and returns each prompt's next-token logits
    /// [count, V] float32.</summary>
    /// <remarks>In a pass (<see cref="PrefillPassTokens"/>), a prompt's tokens are consecutive rows of one chunk, in position
    /// order: each row writes its key and value before it attends, so a later token of the prompt sees the earlier ones
    /// exactly as in a causal forward. A chunk holds as many whole prompts as fit in <see cref="PrefillPassTokens"/> rows (so
    /// short prompts share every weight load, and rows fill whole GEMM blocks across prompt ends), the threads get equal
    /// shares of prompts, and only each prompt's last row of the last pass goes through the head. Measured on 32
    /// TinyStories prompts of 10 tokens: one prompt per chunk joined in 2.8 ms at best, six per chunk 2.3–2.5 ms (scratch
    /// harness, best of 30).</remarks>
    public Tensor Prefill(int first, int count, int length, ReadOnlySpan<int> ids, SlotKvCache cache)
    {
        if (count < 1 || length < 1 || ids.Length != count * length || first < 0 || first + count > cache.Count)
            throw new ArgumentOutOfRangeException(nameof(ids), $"{ids.Length} ids for {count} prompts of {length} tokens into slots {first}..{first + count - 1} of {cache.Count}");
        long longest = 0;
        for (int p = 0; p < count; p++) longest = Math.Max(longest, cache.LengthOf(first + p) + length);
        cache.Reserve(cache.Count, longest);
        var stores = Enumerable.Range(0, _layers.Length).Select(cache.Storage).ToArray();
        int capacity = checked((int)cache.PositionCapacity);
        var logits = empty([count, _c.VocabSize], ScalarType.Float32);
        for (int at = 0; at < length; at += PrefillPassTokens)
        {
            int pass = Math.Min(PrefillPassTokens, length - at);
            Items(count * pass);
            for (int p = 0; p < count; p++)
            {
                int slot = first + p, from = checked((int)cache.LengthOf(slot));
                ids.Slice(p * length + at, pass).CopyTo(_tokens.AsSpan(p * pass));
                for (int j = 0; j < pass; j++) (_slots[p * pass + j], _positions[p * pass + j]) = (slot, from + j);
            }
            var starts = ChunkStarts(count, _threads, PrefillPassTokens / pass);   // in prompts
            int chunks = starts.Length - 1, threads = Math.Min(_threads, chunks), headEvery = at + pass == length ? pass : 0;
            EnsureScratch(threads);
            SpinForkJoin.Shared.For(chunks, threads, (chunk, thread) =>
                Rows(starts[chunk] * pass, starts[chunk + 1] * pass, _scratch[thread], stores, capacity, logits, headEvery, starts[chunk]));
            for (int p = 0; p < count; p++) cache.AdvanceSlot(first + p, pass);
        }
        return logits;
    }

    private void Items(int n)
    {
        if (_tokens.Length < n) (_slots, _tokens, _positions) = (new int[n], new int[n], new int[n]);
    }

    private void EnsureScratch(int threads)
    {
        if (_scratch.Length < threads) _scratch = [.. _scratch, .. Enumerable.Range(0, threads - _scratch.Length).Select(_ => new Scratch(_c, Math.Max(ChunkRows, PrefillPassTokens)))];
    }

    /// <summary>Where each chunk of a step over <paramref name="rows"/> rows starts (and, last, the end), so that every thread
    /// gets an equal share: each share is cut into chunks of at most <paramref name="most"/> rows, and the chunks are
    /// ordered first chunks of every share, then second ones, and so on. Threads take chunks in that order, so 40 rows
    /// on two threads run as 18, 18, 2, 2 (20 each) rather than 18, 18, 4 (22 and 18): a step lasts as long as its
    /// busiest thread.</summary>
    internal static int[] ChunkStarts(int rows, int threads, int most = ChunkRows)
    {
        if (most < 1) throw new ArgumentOutOfRangeException(nameof(most), $"chunks of {most} rows");
        var sizes = new List<int>[Math.Max(1, threads)];
        for (int t = 0; t < sizes.Length; t++)
        {
            sizes[t] = [];
            int share = rows / sizes.Length + (t < rows % sizes.Length ? 1 : 0);
            for (; share > 0; share -= Math.Min(share, most)) sizes[t].Add(Math.Min(share, most));
        }
        var starts = new List<int> { 0 };
        for (int round = 0; round < sizes.Max(x => x.Count); round++)
            foreach (var share in sizes)
                if (round < share.Count) starts.Add(starts[^1] + share[round]);
        return starts.ToArray();
    }

    /// <summary>The whole forward of items first..end-1 (<see cref="_slots"/>, <see cref="_tokens"/>, <see cref="_positions"/>);
    /// every <paramref name="headEvery"/>-th item (the last of each run of that many; none for 0) goes through the head,
    /// into rows logitsRow.. of <paramref name="logitsOut"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Rows(int first, int end, Scratch s, (Tensor Keys, Tensor Values)[] stores, int capacity, Tensor logitsOut, int headEvery, int logitsRow)
    {
        int n = end - first, d = _c.HiddenSize, dh = _c.HeadDim, heads = _c.NumHeads, kvHeads = _c.NumKvHeads, group = heads / kvHeads;
        int qd = heads * dh, kd = kvHeads * dh, inter = _c.IntermediateSize;
        float eps = (float)_c.RmsNormEps, scale = 1f / MathF.Sqrt(dh);
        var embed = F(_embed);
        for (int r = 0; r < n; r++) embed.Slice(_tokens[first + r] * d, d).CopyTo(s.H.AsSpan(r * d, d));
        var cosTable = F(_rope.CosTable);
        var sinTable = F(_rope.SinTable);
        for (int l = 0; l < _layers.Length; l++)
        {
            var L = _layers[l];
            RmsNormRows(s.H, n, d, F(L.InNorm), eps, s.X);
            Gemm(s.X, n, d, F(L.Q), qd, B(L.Qb), s.Q, accumulate: false);
            Gemm(s.X, n, d, F(L.K), kd, B(L.Kb), s.K, accumulate: false);
            Gemm(s.X, n, d, F(L.V), kd, B(L.Vb), s.V, accumulate: false);
            var keys = F(stores[l].Keys);
            var values = F(stores[l].Values);
            for (int r = 0; r < n; r++)
            {
                int slot = _slots[first + r], pos = _positions[first + r];
                var cos = cosTable.Slice(pos * dh, dh);
                var sin = sinTable.Slice(pos * dh, dh);
                for (int h = 0; h < heads; h++)
                {
                    var qh = s.Q.AsSpan(r * qd + h * dh, dh);
                    if (L.QNorm is not null) RmsNorm(qh, F(L.QNorm), eps, qh);
                    Rotate(qh, cos, sin);
                }
                for (int h = 0; h < kvHeads; h++)
                {
                    var kh = s.K.AsSpan(r * kd + h * dh, dh);
                    if (L.KNorm is not null) RmsNorm(kh, F(L.KNorm), eps, kh);
                    Rotate(kh, cos, sin);
                    long at = ((slot * (long)kvHeads + h) * capacity + pos) * dh;
                    kh.CopyTo(keys.Slice((int)at, dh));
                    s.V.AsSpan(r * kd + h * dh, dh).CopyTo(values.Slice((int)at, dh));
                }
                int from = L.Sliding ? Math.Max(0, pos - _c.SlidingWindow!.Value + 1) : 0;
                // The query heads of one key/value head are consecutive: pairs of them share every key and value load.
                for (int h = 0, together; h < heads; h += together)
                {
                    together = _wide && dh % 8 == 0 && h % group + 1 < group ? 2 : 1;
                    int baseAt = (int)((slot * (long)kvHeads + h / group) * capacity * dh);
                    Attend(s.Q.AsSpan(r * qd + h * dh, together * dh), together, keys.Slice(baseAt), values.Slice(baseAt), from, pos, scale,
                        s.Scores, s.Att.AsSpan(r * qd + h * dh, together * dh));
                }
            }
            Gemm(s.Att, n, qd, F(L.O), d, B(L.Ob), s.H, accumulate: true);
            RmsNormRows(s.H, n, d, F(L.PostNorm), eps, s.X);
            Gemm(s.X, n, d, F(L.Gate), inter, B(L.Gb), s.Gate, accumulate: false);
            Gemm(s.X, n, d, F(L.Up), inter, B(L.Ub), s.Up, accumulate: false);
            SiluMul(s.Gate.AsSpan(0, n * inter), s.Up);
            Gemm(s.Gate, n, inter, F(L.Down), d, B(L.Db), s.H, accumulate: true);
        }
        if (headEvery == 0) return;
        int vocab = _c.VocabSize, m = n / headEvery;
        // The head's rows packed at the front of X, so that one GEMM covers them.
        for (int h = 0; h < m; h++) RmsNorm(s.H.AsSpan(((h + 1) * headEvery - 1) * d, d), F(_finalNorm), eps, s.X.AsSpan(h * d, d));
        Gemm(s.X, m, d, F(_head), vocab, default, F(logitsOut).Slice(logitsRow * vocab, m * vocab), accumulate: false);
    }

    private static Span<float> F(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    private static ReadOnlySpan<float> B(Tensor? bias) => bias is null ? default : F(bias);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RmsNormRows(ReadOnlySpan<float> x, int rows, int d, ReadOnlySpan<float> w, float eps, Span<float> y)
    {
        for (int r = 0; r < rows; r++) RmsNorm(x.Slice(r * d, d), w, eps, y.Slice(r * d, d));
    }

    /// <summary>y = x / sqrt(mean(x²) + eps) · w; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RmsNorm(ReadOnlySpan<float> x, ReadOnlySpan<float> w, float eps, Span<float> y)
    {
        float r = 1f / MathF.Sqrt(Dot(x, x) / x.Length + eps);
        for (int i = 0; i < x.Length; i++) y[i] = x[i] * r * w[i];
    }

    /// <summary>x·cos + roll(x, Dh/2)·sin' with the table's signed sine: HF's rotate_half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rotate(Span<float> x, ReadOnlySpan<float> cos, ReadOnlySpan<float> sin)
    {
        int half = x.Length / 2;
        for (int j = 0; j < half; j++)
        {
            float a = x[j], b = x[j + half];
            x[j] = a * cos[j] + b * sin[j];
            x[j + half] = b * cos[j + half] + a * sin[j + half];
        }
    }

    /// <summary>gate ← silu(gate) · up, eight lanes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SiluMul(Span<float> gate, ReadOnlySpan<float> up)
    {
        int i = 0;
        ref float g = ref MemoryMarshal.GetReference(gate);
        ref float u = ref MemoryMarshal.GetReference(up);
        for (; i + 8 <= gate.Length; i += 8)
        {
            var x = Vector256.LoadUnsafe(ref g, (nuint)i);
            var silu = x / (Vector256<float>.One + SimdMath.Exp(-x));
            (silu * Vector256.LoadUnsafe(ref u, (nuint)i)).StoreUnsafe(ref g, (nuint)i);
        }
        for (; i < gate.Length; i++) gate[i] = gate[i] / (1f + MathF.Exp(-gate[i])) * up[i];
    }

    /// <summary>Softmax attention of one or two query heads (<paramref name="q"/>, <paramref name="output"/>: Dh floats per
    /// head) over their shared key/value head's positions first..last.</summary>
    /// <param name="keys">The key/value head's storage from position 0, Dh floats per position.</param>
    /// <param name="scores">Room for each head's scores: head i's at i · (length / 2).</param>
    /// <remarks>Scores come eight positions at a time out of one transposing reduction (when Dh is a multiple of 8), and
    /// the exponentials eight lanes at a time: per-position dot products and scalar exp were most of a step's attention.
    /// Two heads (Dh a multiple of 8) load each key and value once for both.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Attend(ReadOnlySpan<float> q, int count, ReadOnlySpan<float> keys, ReadOnlySpan<float> values, int first, int last,
        float scale, Span<float> scores, Span<float> output)
    {
        int dh = q.Length / count, span = last - first + 1, room = scores.Length / 2;
        if (count is < 1 or > 2 || count == 2 && dh % 8 != 0 || keys.Length < (last + 1) * dh || values.Length < (last + 1) * dh
            || room <= last || output.Length < count * dh)
            throw new ArgumentException("attention operands smaller than the positions");
        ref float qs = ref MemoryMarshal.GetReference(q);
        ref float ks = ref MemoryMarshal.GetReference(keys);
        ref float s0 = ref MemoryMarshal.GetReference(scores);
        ref float s1 = ref Unsafe.Add(ref s0, room);
        var vscale = Vector256.Create(scale);
        // The window rounded up to whole vectors when the storage and the score buffer reach that far: the extra keys are
        // stored positions past this row's (zero or another row's, always finite) whose scores become −∞, so the softmax
        // runs without scalar tails and gives them weight e^−87 in the sum and none in the output.
        int padded = first + ((span + 7) & ~7);
        bool whole = dh % 8 == 0 && padded <= room && padded * dh <= keys.Length;
        int end = whole ? padded : last + 1, j = first;
        if (dh % 8 == 0)
            for (; j + 8 <= end; j += 8)
            {
                ref float kj = ref Unsafe.Add(ref ks, j * dh);
                if (count == 2)
                {
                    Scores8x2(ref qs, ref Unsafe.Add(ref qs, dh), ref kj, dh, out var a, out var b);
                    (a * vscale).StoreUnsafe(ref s0, (nuint)j);
                    (b * vscale).StoreUnsafe(ref s1, (nuint)j);
                }
                else (Scores8(ref qs, ref kj, dh) * vscale).StoreUnsafe(ref s0, (nuint)j);
            }
        Span<float> inv = stackalloc float[2];
        for (int h = 0; h < count; h++)
        {
            var hs = scores.Slice(h * room, room);
            for (int t = j; t <= last; t++) hs[t] = Dot(q.Slice(h * dh, dh), keys.Slice(t * dh, dh)) * scale;
            for (int t = last + 1; t < end; t++) hs[t] = float.NegativeInfinity;
            var window = hs.Slice(first, end - first);
            inv[h] = 1f / SimdMath.ExpShifted(window, SimdMath.Max(window));
        }
        ref float vs = ref MemoryMarshal.GetReference(values);
        ref float os = ref MemoryMarshal.GetReference(output);
        int d = 0;
        // Eight output lanes at a time over all positions, so the running sums stay in registers.
        for (; d + 8 <= dh; d += 8)
        {
            var acc0 = Vector256<float>.Zero;
            if (count == 2)
            {
                var acc1 = Vector256<float>.Zero;
                for (j = first; j <= last; j++)
                {
                    var v = Vector256.LoadUnsafe(ref vs, (nuint)(j * dh + d));
                    acc0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref s0, j)), v, acc0);
                    acc1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref s1, j)), v, acc1);
                }
                (acc1 * inv[1]).StoreUnsafe(ref os, (nuint)(dh + d));
            }
            else
                for (j = first; j <= last; j++)
                    acc0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref s0, j)), Vector256.LoadUnsafe(ref vs, (nuint)(j * dh + d)), acc0);
            (acc0 * inv[0]).StoreUnsafe(ref os, (nuint)d);
        }
        for (; d < dh; d++)   // Dh not a multiple of 8: one head
        {
            float acc = 0;
            for (j = first; j <= last; j++) acc += scores[j] * values[j * dh + d];
            output[d] = acc * inv[0];
        }
    }

    /// <summary>q·k for the eight keys k0, k0+Dh, …, k0+7·Dh (Dh a multiple of 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Scores8(ref float q, ref float k0, int dh)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int d = 0; d < dh; d += 8)
        {
            var qv = Vector256.LoadUnsafe(ref q, (nuint)d);
            ref float k = ref Unsafe.Add(ref k0, d);
            a0 = Vector256.FusedMultiplyAdd(qv, Vector256.LoadUnsafe(ref k), a0);
            a1 = Vector256.FusedMultiplyAdd(qv, Vector256.LoadUnsafe(ref k, (nuint)dh), a1);
            a2 = Vector256.FusedMultiplyAdd(qv, Vector256.LoadUnsafe(ref k, (nuint)(2 * dh)), a2);
            a3 = Vector256.FusedMultiplyAdd(qv, Vector256.LoadUnsafe(ref k, (nuint)(3 * dh)), a3);
            a4 = Vector256.FusedMultiplyAdd(qv, Vector256.LoadUnsafe(ref k, (nuint)(4 * dh)), a4);
            a5 = Vector256.FusedMultiplyAdd(qv, Vector256.LoadUnsafe(ref k, (nuint)(5 * dh)), a5);
            a6 = Vector256.FusedMultiplyAdd(qv, Vector256.LoadUnsafe(ref k, (nuint)(6 * dh)), a6);
            a7 = Vector256.FusedMultiplyAdd(qv, Vector256.LoadUnsafe(ref k, (nuint)(7 * dh)), a7);
        }
        return Transpose8(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>As <see cref="Scores8"/> for two queries q and q1 against the same keys, each key loaded once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Scores8x2(ref float q, ref float q1, ref float k0, int dh, out Vector256<float> first, out Vector256<float> second)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        for (int d = 0; d < dh; d += 8)
        {
            var qa = Vector256.LoadUnsafe(ref q, (nuint)d);
            var qb = Vector256.LoadUnsafe(ref q1, (nuint)d);
            ref float k = ref Unsafe.Add(ref k0, d);
            var kv = Vector256.LoadUnsafe(ref k);
            a0 = Vector256.FusedMultiplyAdd(qa, kv, a0); b0 = Vector256.FusedMultiplyAdd(qb, kv, b0);
            kv = Vector256.LoadUnsafe(ref k, (nuint)dh);
            a1 = Vector256.FusedMultiplyAdd(qa, kv, a1); b1 = Vector256.FusedMultiplyAdd(qb, kv, b1);
            kv = Vector256.LoadUnsafe(ref k, (nuint)(2 * dh));
            a2 = Vector256.FusedMultiplyAdd(qa, kv, a2); b2 = Vector256.FusedMultiplyAdd(qb, kv, b2);
            kv = Vector256.LoadUnsafe(ref k, (nuint)(3 * dh));
            a3 = Vector256.FusedMultiplyAdd(qa, kv, a3); b3 = Vector256.FusedMultiplyAdd(qb, kv, b3);
            kv = Vector256.LoadUnsafe(ref k, (nuint)(4 * dh));
            a4 = Vector256.FusedMultiplyAdd(qa, kv, a4); b4 = Vector256.FusedMultiplyAdd(qb, kv, b4);
            kv = Vector256.LoadUnsafe(ref k, (nuint)(5 * dh));
            a5 = Vector256.FusedMultiplyAdd(qa, kv, a5); b5 = Vector256.FusedMultiplyAdd(qb, kv, b5);
            kv = Vector256.LoadUnsafe(ref k, (nuint)(6 * dh));
            a6 = Vector256.FusedMultiplyAdd(qa, kv, a6); b6 = Vector256.FusedMultiplyAdd(qb, kv, b6);
            kv = Vector256.LoadUnsafe(ref k, (nuint)(7 * dh));
            a7 = Vector256.FusedMultiplyAdd(qa, kv, a7); b7 = Vector256.FusedMultiplyAdd(qb, kv, b7);
        }
        first = Transpose8(a0, a1, a2, a3, a4, a5, a6, a7);
        second = Transpose8(b0, b1, b2, b3, b4, b5, b6, b7);
    }

    /// <summary>[Σa0, Σa1, …, Σa7]: the lane sums of eight vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Transpose8(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> a4, Vector256<float> a5, Vector256<float> a6, Vector256<float> a7)
    {
        var lo = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
        var hi = Avx.HorizontalAdd(Avx.HorizontalAdd(a4, a5), Avx.HorizontalAdd(a6, a7));
        return Avx.Permute2x128(lo, hi, 0x20) + Avx.Permute2x128(lo, hi, 0x31);
    }

    /// <summary>y[m, j] (+)= x[m, :]·w[j, :] + bias[j] for x [rows, k] and w [n, k] row-major (nn.Linear's layout).</summary>
    /// <remarks>Blocks of 4 rows (3 without <see cref="_wide"/>) × 4 outputs keep 16 (12) accumulators in registers and
    /// load each weight vector once for the block's rows; each row's four sums come out of one transposing horizontal add and are stored as one vector. Leftover rows
    /// take 1 × 4 blocks, leftover outputs single dot products.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gemm(ReadOnlySpan<float> x, int rows, int k, ReadOnlySpan<float> w, int n, ReadOnlySpan<float> bias, Span<float> y, bool accumulate)
    {
        if (x.Length < rows * k || w.Length < n * k || y.Length < rows * n || !bias.IsEmpty && bias.Length < n)
            throw new ArgumentException("GEMM operands smaller than their shapes");
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ws = ref MemoryMarshal.GetReference(w);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float bs = ref MemoryMarshal.GetReference(bias);
        bool hasBias = !bias.IsEmpty;
        int n4 = n & ~3, m;
        nuint k8 = (nuint)(k & ~7);
        int m4 = _wide ? rows & ~3 : 0;
        int m3 = m4 + (rows - m4) / 3 * 3;
        // Weight blocks outside, rows inside: four weight rows stay in L1 while every row block uses them, so each weight
        // is read from L2/L3 once per GEMM.
        for (int j = 0; j < n4; j += 4)
        {
            ref float wj = ref Unsafe.Add(ref ws, j * k);
            ref float bj = ref Unsafe.Add(ref bs, j);
            for (m = 0; m < m4; m += 4)
            {
                Block<FourRows>(ref Unsafe.Add(ref xs, m * k), ref wj, k, k8, out var s0, out var s1, out var s2, out var s3);
                Store4(ref Unsafe.Add(ref ys, m * n + j), ref bj, hasBias, accumulate, s0);
                Store4(ref Unsafe.Add(ref ys, (m + 1) * n + j), ref bj, hasBias, accumulate, s1);
                Store4(ref Unsafe.Add(ref ys, (m + 2) * n + j), ref bj, hasBias, accumulate, s2);
                Store4(ref Unsafe.Add(ref ys, (m + 3) * n + j), ref bj, hasBias, accumulate, s3);
            }
            for (; m < m3; m += 3)
            {
                Block<ThreeRows>(ref Unsafe.Add(ref xs, m * k), ref wj, k, k8, out var s0, out var s1, out var s2, out _);
                Store4(ref Unsafe.Add(ref ys, m * n + j), ref bj, hasBias, accumulate, s0);
                Store4(ref Unsafe.Add(ref ys, (m + 1) * n + j), ref bj, hasBias, accumulate, s1);
                Store4(ref Unsafe.Add(ref ys, (m + 2) * n + j), ref bj, hasBias, accumulate, s2);
            }
            for (; m < rows; m++)
                Store4(ref Unsafe.Add(ref ys, m * n + j), ref bj, hasBias, accumulate, Block1x4(ref Unsafe.Add(ref xs, m * k), ref wj, k, k8));
        }
        // What the blocks leave out: the inner elements past the last full vector, and the outputs past the last four.
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n4 && (int)k8 < k; j++)
            {
                float tail = 0;
                for (int i = (int)k8; i < k; i++) tail += x[r * k + i] * w[j * k + i];
                y[r * n + j] += tail;
            }
            for (int j = n4; j < n; j++)
            {
                float sum = Dot(x.Slice(r * k, k), w.Slice(j * k, k)) + (hasBias ? bias[j] : 0f);
                y[r * n + j] = accumulate ? y[r * n + j] + sum : sum;
            }
        }
    }

    /// <summary>Row counts of <see cref="Block{TRows}"/> (4 only with <see cref="_wide"/>): a type argument, so that each count is compiled as its own method
    /// with the unused row's code removed.</summary>
    private interface IRows { static abstract int Count { get; } }
    private struct ThreeRows : IRows { public static int Count => 3; }
    private struct FourRows : IRows { public static int Count => 4; }

    /// <summary>The dot products of rows x0, x0+k, … (3 or 4 of them) with weight rows w0..w0+3k over the first k8 inner
    /// elements: one vector of four sums per row (s3 is zero for 3 rows).</summary>
    /// <remarks>A method of its own so that the register allocator sees only the accumulators and loads of the loop
    /// (inlined into the caller, it spilled the accumulators on every iteration: a third of the speed).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block<TRows>(ref float x0, ref float w0, int k, nuint k8,
        out Vector128<float> s0, out Vector128<float> s1, out Vector128<float> s2, out Vector128<float> s3) where TRows : struct, IRows
    {
        ref float x1 = ref Unsafe.Add(ref x0, k);
        ref float x2 = ref Unsafe.Add(ref x1, k);
        ref float x3 = ref Unsafe.Add(ref x2, TRows.Count == 4 ? k : 0);
        ref float w1 = ref Unsafe.Add(ref w0, k);
        ref float w2 = ref Unsafe.Add(ref w1, k);
        ref float w3 = ref Unsafe.Add(ref w2, k);
        Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
        Vector256<float> a20 = default, a21 = default, a22 = default, a23 = default, a30 = default, a31 = default, a32 = default, a33 = default;
        for (nuint i = 0; i < k8; i += 8)
        {
            var b0 = Vector256.LoadUnsafe(ref w0, i);
            var b1 = Vector256.LoadUnsafe(ref w1, i);
            var b2 = Vector256.LoadUnsafe(ref w2, i);
            var b3 = Vector256.LoadUnsafe(ref w3, i);
            var v = Vector256.LoadUnsafe(ref x0, i);
            a00 = Vector256.FusedMultiplyAdd(v, b0, a00); a01 = Vector256.FusedMultiplyAdd(v, b1, a01);
            a02 = Vector256.FusedMultiplyAdd(v, b2, a02); a03 = Vector256.FusedMultiplyAdd(v, b3, a03);
            v = Vector256.LoadUnsafe(ref x1, i);
            a10 = Vector256.FusedMultiplyAdd(v, b0, a10); a11 = Vector256.FusedMultiplyAdd(v, b1, a11);
            a12 = Vector256.FusedMultiplyAdd(v, b2, a12); a13 = Vector256.FusedMultiplyAdd(v, b3, a13);
            v = Vector256.LoadUnsafe(ref x2, i);
            a20 = Vector256.FusedMultiplyAdd(v, b0, a20); a21 = Vector256.FusedMultiplyAdd(v, b1, a21);
            a22 = Vector256.FusedMultiplyAdd(v, b2, a22); a23 = Vector256.FusedMultiplyAdd(v, b3, a23);
            if (TRows.Count == 4)
            {
                v = Vector256.LoadUnsafe(ref x3, i);
                a30 = Vector256.FusedMultiplyAdd(v, b0, a30); a31 = Vector256.FusedMultiplyAdd(v, b1, a31);
                a32 = Vector256.FusedMultiplyAdd(v, b2, a32); a33 = Vector256.FusedMultiplyAdd(v, b3, a33);
            }
        }
        s0 = Sum4(a00, a01, a02, a03);
        s1 = Sum4(a10, a11, a12, a13);
        s2 = Sum4(a20, a21, a22, a23);
        s3 = TRows.Count == 4 ? Sum4(a30, a31, a32, a33) : default;
    }

    /// <summary>As <see cref="Block{TRows}"/> for one row.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static Vector128<float> Block1x4(ref float x0, ref float w0, int k, nuint k8)
    {
        ref float w1 = ref Unsafe.Add(ref w0, k);
        ref float w2 = ref Unsafe.Add(ref w1, k);
        ref float w3 = ref Unsafe.Add(ref w2, k);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (nuint i = 0; i < k8; i += 8)
        {
            var v = Vector256.LoadUnsafe(ref x0, i);
            a0 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref w0, i), a0);
            a1 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref w1, i), a1);
            a2 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref w2, i), a2);
            a3 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref w3, i), a3);
        }
        return Sum4(a0, a1, a2, a3);
    }

    /// <summary>Writes outputs j..j+3 of a row from their sums, adding the bias and, for the residual, the old value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(ref float y, ref float bias, bool hasBias, bool accumulate, Vector128<float> sums)
    {
        if (hasBias) sums += Vector128.LoadUnsafe(ref bias);
        if (accumulate) sums += Vector128.LoadUnsafe(ref y);
        sums.StoreUnsafe(ref y);
    }

    /// <summary>The lane sums of four vectors, [Σa, Σb, Σc, Σd].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sum4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        var abcd = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
        return abcd.GetLower() + abcd.GetUpper();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length, i = 0;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        // Two accumulators keep two FMAs in flight.
        Vector256<float> s0 = default, s1 = default;
        for (; i + 16 <= n; i += 16)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i + 8), Vector256.LoadUnsafe(ref rb, (nuint)i + 8), s1);
        }
        if (i + 8 <= n)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), s0);
            i += 8;
        }
        float sum = SimdMath.Sum(s0 + s1);
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }
}
