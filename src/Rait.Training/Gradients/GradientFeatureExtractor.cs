using Rait.Core;
using Rait.Model.Llama;
using Rait.Training.Data;
using Rait.Training.Optim;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Rait.Training.Gradients;

/// <summary>
/// Per-sample gradient features for GRAIT (LESS, Xia et al. 2024): for each sample one backward of its
/// mean-token loss w.r.t. the LoRA parameters, optionally turned into the Adam update direction using
/// the warm-up optimizer's moments, randomly projected with a seeded Rademacher matrix (entries ±1/√d)
/// and L2-normalised.
/// </summary>
public sealed class GradientFeatureExtractor
{
    private readonly LlamaForCausalLM _model;
    private readonly IReadOnlyList<(string Name, Parameter P)> _params;
    private readonly AdamW? _adam;
    private readonly GradientProjectionOptions _o;
    private readonly int _padId;

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
    }

    /// <summary>Number of trainable entries P (length of the unprojected gradient).</summary>
    public long Dimension { get; }

    /// <summary>One projected, unit-length feature vector per example (in input order).</summary>
    public float[][] Compute(IReadOnlyList<TokenizedExample> examples, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        // Gradients are projected in chunks of samples so memory stays at chunk × P, not N × P; the
        // projection matrix is regenerated from the seed for every chunk, so all samples share it.
        const int samplesPerChunk = 64;
        var features = new List<float[]>(examples.Count);
        bool wasTraining = _model.training;
        _model.eval(); // no dropout: a sample's feature must not depend on a random mask
        try
        {
            for (int start = 0; start < examples.Count; start += samplesPerChunk)
            {
                var flat = new List<float[]>();
                for (int i = start; i < Math.Min(examples.Count, start + samplesPerChunk); i++)
                {
                    ct.ThrowIfCancellationRequested();
                    flat.Add(SampleGradient(examples[i]));
                    progress?.Report(i + 1);
                }
                features.AddRange(Project(flat));
            }
        }
        finally { if (wasTraining) _model.train(); }
        return features.ToArray();
    }

    /// <summary>Flattened (optionally preconditioned) gradient of one example's mean token loss.</summary>
    private float[] SampleGradient(TokenizedExample x)
    {
        if (x.Segments is not null) throw new RaitException($"gradients: row {x.Id} is packed; per-sample gradients need one sample per row.");
        using var scope = NewDisposeScope();
        foreach (var (_, p) in _params) p.grad?.zero_();
        var (ids, labels, _) = BatchTensors.Build([x], _padId);
        var logits = _model.call(new ForwardInput(ids));
        var (loss, _) = WeightedCausalLoss.Compute(logits, labels, ones(1), 1.0);
        loss.backward();
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (int k = 0; k < _params.Count; k++)
        {
            var g = _params[k].P.grad?.to(ScalarType.Float32) ?? zeros_like(_params[k].P, dtype: ScalarType.Float32);
            if (_o.AdamPreconditioned) g = AdamDirection(k, g);
            parts.Add(g.reshape(-1));
        }
        foreach (var (_, p) in _params) p.grad?.zero_();
        return cat(parts).data<float>().ToArray();
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

    /// <summary>Projects all vectors with the same Rademacher matrix, generated in row chunks from the seed.</summary>
    private float[][] Project(List<float[]> flat)
    {
        if (flat.Count == 0) return [];
        using var scope = NewDisposeScope();
        long p = Dimension, d = _o.Dimensions;
        var g = tensor(flat.SelectMany(v => v).ToArray()).view(flat.Count, p);        // [N, P]
        var result = zeros(flat.Count, d);                                              // [N, d]
        using var rng = new Generator((ulong)_o.Seed);
        const long chunk = 4096;
        for (long start = 0; start < p; start += chunk)
        {
            using var inner = NewDisposeScope();
            long rows = Math.Min(chunk, p - start);
            var signs = randint(0, 2, [rows, d], generator: rng).to(ScalarType.Float32) * 2 - 1; // [rows, d] ±1
            result.add_(g.narrow(1, start, rows).matmul(signs));
        }
        result = result / Math.Sqrt(d);
        result = result / result.norm(1, keepdim: true).clamp_min(1e-12);
        var data = result.data<float>().ToArray();
        return Enumerable.Range(0, flat.Count).Select(i => data.AsSpan((int)(i * d), (int)d).ToArray()).ToArray();
    }
}
