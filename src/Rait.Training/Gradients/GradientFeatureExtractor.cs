using Rait.Core;
using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Training.Data;
using Rait.Training.Optim;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Rait.Training.Gradients;

/// <summary>
/// Per-sample gradient features for GRAIT (LESS, Xia et al. 2024): each sample's gradient of its
/// mean-token loss w.r.t. the LoRA parameters, optionally turned into the Adam update direction using
/// the warm-up optimizer's moments, randomly projected with a seeded Rademacher matrix (entries ±1/√d)
/// and L2-normalised. When every parameter is a LoRA factor, samples go through in batches: each row gets
/// its own copy of the adapters (<see cref="LoraLinear.BeginPerSample"/>), so one backward gives every
/// row's own gradient. Other parameters take one backward per sample.
/// </summary>
public sealed class GradientFeatureExtractor
{
    private readonly LlamaForCausalLM _model;
    private readonly IReadOnlyList<(string Name, Parameter P)> _params;
    private readonly AdamW? _adam;
    private readonly GradientProjectionOptions _o;
    private readonly int _padId;
    private readonly (LoraLinear Layer, bool IsA)[]? _lora; // per parameter; null when one is not a LoRA factor
    // A batched pass keeps its logits and its per-sample adapter copies (with gradients and the Adam direction, a few
    // times N × P) under these many floats each.
    private const long LogitBudget = 1L << 25, AdapterBudget = 1L << 25;
    private const int MaxPassSamples = 32;
    // The [P, d] projection matrix is generated once per Compute when it has at most this many floats (128 MB).
    private const long ProjectionBudget = 1L << 25;

    /// <param name="adam">Optimizer whose moments precondition the gradients; required when AdamPreconditioned.</param>
    public GradientFeatureExtractor(LlamaForCausalLM model, IReadOnlyList<(string Name, Parameter P)> parameters, AdamW? adam, GradientProjectionOptions o, int padId)
    {
        var errors = o.Validate();
        if (errors.Count > 0) throw new RaitException(string.Join("; ", errors));
        if (o.AdamPreconditioned && (adam is null || adam.Step == 0))
            throw new RaitException("gradients: Adam preconditioning needs the optimizer state of a warm-up run (no steps taken yet).");
        _model = model;
        _params = parameters;
        _adam = adam;
        _o = o;
        _padId = padId;
        Dimension = parameters.Sum(p => p.P.NumberOfElements);
        _lora = LoraFactors(model, parameters);
    }

    /// <summary>The LoRA layer and factor (A or B) of each parameter, matched by name; null if any is something else.</summary>
    private static (LoraLinear, bool)[]? LoraFactors(LlamaForCausalLM model, IReadOnlyList<(string Name, Parameter P)> parameters)
    {
        var byName = new Dictionary<string, (LoraLinear, bool)>(StringComparer.Ordinal);
        foreach (var (name, module) in model.named_modules())
            if (module is LoraLinear layer)
            {
                byName[name + ".lora_A.weight"] = (layer, true);
                byName[name + ".lora_B.weight"] = (layer, false);
            }
        var map = new (LoraLinear, bool)[parameters.Count];
        for (int k = 0; k < parameters.Count; k++)
            if (!byName.TryGetValue(parameters[k].Name, out map[k])) return null;
        return map;
    }

    /// <summary>Number of trainable entries P (length of the unprojected gradient).</summary>
    public long Dimension { get; }

    /// <summary>One projected, unit-length feature vector per example (in input order).</summary>
    public float[][] Compute(IReadOnlyList<TokenizedExample> examples, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        // Gradients are projected in chunks of samples so memory stays at chunk × P, not N × P. All samples share one
        // projection matrix: kept whole when it is small enough, else regenerated from the seed for every chunk.
        const int samplesPerChunk = 64;
        var features = new List<float[]>(examples.Count);
        bool wasTraining = _model.training;
        _model.eval(); // no dropout: a sample's feature must not depend on a random mask
        using var matrix = Dimension * _o.Dimensions <= ProjectionBudget ? ProjectionMatrix() : null;
        try
        {
            for (int start = 0; start < examples.Count; start += samplesPerChunk)
            {
                var flat = new List<float[]>();
                int end = Math.Min(examples.Count, start + samplesPerChunk);
                for (int i = start; i < end;)
                {
                    ct.ThrowIfCancellationRequested();
                    var pass = _lora is null ? 1 : PassSize(examples, i, end);
                    var group = examples.Skip(i).Take(pass).ToList();
                    if (group.FirstOrDefault(x => x.Segments is not null) is { } packed)
                        throw new RaitException($"gradients: row {packed.Id} is packed; per-sample gradients need one sample per row.");
                    flat.AddRange(_lora is null ? [SampleGradient(group[0])] : BatchedGradients(group));
                    i += pass;
                    progress?.Report(i);
                }
                features.AddRange(Project(flat, matrix));
            }
        }
        finally { if (wasTraining) _model.train(); }
        return features.ToArray();
    }

    /// <summary>How many samples from <paramref name="i"/> on go through one batched pass: up to 32, fewer when their
    /// adapter copies or the logits of the longest of them would exceed the budgets.</summary>
    private int PassSize(IReadOnlyList<TokenizedExample> examples, int i, int end)
    {
        int n = 1, most = (int)Math.Clamp(AdapterBudget / Math.Max(1, Dimension), 1, MaxPassSamples);
        long longest = examples[i].InputIds.Length, vocab = _model.Config.VocabSize;
        while (n < most && i + n < end)
        {
            long t = Math.Max(longest, examples[i + n].InputIds.Length);
            if ((n + 1) * t * vocab > LogitBudget) break;
            longest = t;
            n++;
        }
        return n;
    }

    /// <summary>Flattened (optionally preconditioned) gradients of each example's mean token loss, from one forward and one
    /// backward of the batch with a private adapter copy per row. Right padding keeps each row's logits as if it were alone.</summary>
    private IEnumerable<float[]> BatchedGradients(IReadOnlyList<TokenizedExample> group)
    {
        int n = group.Count;
        var lora = _lora!;
        var layers = lora.Select(l => l.Layer).Distinct().ToList();
        using var scope = NewDisposeScope();
        var copies = new Dictionary<LoraLinear, (Tensor A, Tensor B)>(ReferenceEqualityComparer.Instance);
        float[] flat;
        try
        {
            foreach (var layer in layers) copies[layer] = layer.BeginPerSample(n);
            var (ids, labels, _) = BatchTensors.Build(group, _padId, _model.Device);
            var logits = _model.call(new ForwardInput(ids));                           // [N, T, V]
            var (loss, _) = WeightedCausalLoss.Compute(logits, labels, ones(n, device: ids.device), 1.0);   // Σ_i meanCE_i
            loss.backward();
            using var noGrad = no_grad();
            var parts = new List<Tensor>();
            for (int k = 0; k < _params.Count; k++)
            {
                var (layer, isA) = lora[k];
                var copy = isA ? copies[layer].A : copies[layer].B;
                var g = copy.grad?.to(ScalarType.Float32) ?? zeros_like(copy, dtype: ScalarType.Float32); // [N, ...]
                if (_o.AdamPreconditioned) g = AdamDirection(k, g);                       // moments broadcast over N
                parts.Add(g.reshape(n, -1));
            }
            flat = cat(parts, 1).cpu().data<float>().ToArray();                                // [N, P]
        }
        finally
        {
            foreach (var layer in layers) layer.EndPerSample();
        }
        long p = Dimension;
        return Enumerable.Range(0, n).Select(i => flat.AsSpan((int)(i * p), (int)p).ToArray()).ToList();
    }

    /// <summary>Flattened (optionally preconditioned) gradient of one example's mean token loss.</summary>
    private float[] SampleGradient(TokenizedExample x)
    {
        using var scope = NewDisposeScope();
        foreach (var (_, p) in _params) p.grad?.zero_();
        var (ids, labels, _) = BatchTensors.Build([x], _padId, _model.Device);
        var logits = _model.call(new ForwardInput(ids));
        var (loss, _) = WeightedCausalLoss.Compute(logits, labels, ones(1, device: ids.device), 1.0);
        loss.backward();
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (int k = 0; k < _params.Count; k++)
        {
            var g = _params[k].P.grad?.to(ScalarType.Float32) ?? zeros_like(_params[k].P, dtype: ScalarType.Float32);
            if (_o.AdamPreconditioned) g = AdamDirection(k, g);
            parts.Add(g.reshape(-1));
        }
        // Read before zeroing: without preconditioning, g is the .grad tensor itself (to() of a float32 tensor is a no-op).
        var flat = cat(parts).cpu().data<float>().ToArray();
        foreach (var (_, p) in _params) p.grad?.zero_();
        return flat;
    }

    /// <summary>The step Adam would take for this gradient from the warm-up state (LESS Eq. for Γ).</summary>
    private Tensor AdamDirection(int k, Tensor g)
    {
        var (m, v) = _adam!.Moments(k);
        long t = _adam.Step + 1;
        var mNew = m * _adam.Beta1 + g * (1 - _adam.Beta1);
        var vNew = v * _adam.Beta2 + g * g * (1 - _adam.Beta2);
        var mHat = mNew / (1 - Math.Pow(_adam.Beta1, t));
        var vHat = vNew / (1 - Math.Pow(_adam.Beta2, t));
        return mHat / (vHat.sqrt() + _adam.Epsilon);
    }

    /// <summary>Projects all vectors with the same Rademacher matrix, generated in row chunks from the seed: the whole
    /// matrix when the caller keeps it (<paramref name="matrix"/>), else chunk by chunk again.</summary>
    private float[][] Project(List<float[]> flat, Tensor? matrix)
    {
        if (flat.Count == 0) return [];
        using var scope = NewDisposeScope();
        long p = Dimension, d = _o.Dimensions;
        // On the host, like the seeded CPU generator's signs: the projection is the same whatever device trained.
        var g = tensor(flat.SelectMany(v => v).ToArray()).view(flat.Count, p);        // [N, P]
        Tensor result;
        if (matrix is not null) result = g.matmul(matrix);                              // [N, d]
        else
        {
            result = zeros(flat.Count, d);
            foreach (var (start, signs) in SignChunks())
                using (signs) result.add_(g.narrow(1, start, signs.shape[0]).matmul(signs));
        }
        result = result / Math.Sqrt(d);
        result = result / result.norm(1, keepdim: true).clamp_min(1e-12);
        var data = result.data<float>().ToArray();
        return Enumerable.Range(0, flat.Count).Select(i => data.AsSpan((int)(i * d), (int)d).ToArray()).ToArray();
    }

    /// <summary>The whole [P, d] ±1 matrix, the same entries <see cref="SignChunks"/> yields.</summary>
    private Tensor ProjectionMatrix()
    {
        var chunks = SignChunks().Select(c => c.Signs).ToList();
        var matrix = cat(chunks, 0);
        foreach (var c in chunks) c.Dispose();
        return matrix;
    }

    /// <summary>Row chunks [rows, d] of the ±1 projection matrix from a generator seeded with the options' seed; the caller
    /// disposes each chunk.</summary>
    private IEnumerable<(long Start, Tensor Signs)> SignChunks()
    {
        long p = Dimension, d = _o.Dimensions;
        using var rng = new Generator((ulong)_o.Seed);
        const long chunk = 4096;
        for (long start = 0; start < p; start += chunk)
        {
            // No dispose scope here: one left open across the yield would collect the caller's tensors.
            long rows = Math.Min(chunk, p - start);
            using var bits = randint(0, 2, [rows, d], generator: rng);                                     // {0, 1} int64
            yield return (start, bits.to(ScalarType.Float32).mul_(2).sub_(1));                             // [rows, d] ±1
        }
    }
}
