using Rait.Model.Modules;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Rait.Model.Llama;

/// <summary>
/// A Llama-family causal language model whose state-dict keys equal the HF checkpoint keys
/// (`model.layers.0.self_attn.q_proj.weight`, `lm_head.weight`, ...).
/// </summary>
public sealed class LlamaForCausalLM : nn.Module<ForwardInput, Tensor>
{
    [ComponentName(Name = "model")] private readonly LlamaModel _model;
    [ComponentName(Name = "lm_head")] private readonly nn.Module<Tensor, Tensor>? _lmHead;
    private readonly RotaryEmbedding _rope;

    /// <summary>Builds the model with freshly initialised weights (load a checkpoint to fill them).</summary>
    public LlamaForCausalLM(LlamaConfig config, LinearFactory? linear = null) : base(nameof(LlamaForCausalLM))
    {
        Config = config.Normalized();
        linear ??= Linears.Plain;
        _model = new LlamaModel(Config, linear);
        // Tied embeddings have no lm_head module: the output projection reuses the embedding matrix.
        if (!Config.TieWordEmbeddings) _lmHead = nn.Linear(Config.HiddenSize, Config.VocabSize, hasBias: false);
        _rope = new RotaryEmbedding(Config);
        RegisterComponents();
    }

    public LlamaConfig Config { get; }

    /// <summary>The RoPE tables (the CPU row decoder reads them).</summary>
    internal RotaryEmbedding Rope => _rope;

    /// <summary>dtype of the weights (float32 or bfloat16).</summary>
    public ScalarType Dtype => _model.EmbeddingWeight.dtype;

    /// <summary>Device of the weights; tensors fed to the model are made there.</summary>
    public Device Device => _model.EmbeddingWeight.device;

    /// <returns>Logits [B, T, V] float32 (or [B, 1, V] with LastOnly).</returns>
    public override Tensor forward(ForwardInput input)
    {
        using var scope = NewDisposeScope();
        var ids = input.InputIds;
        long b = ids.shape[0], t = ids.shape[1];
        long past = input.Cache?.Length ?? 0;
        if (past + t > Config.ContextLength)
            throw new Core.RaitException($"sequence of {past + t} tokens exceeds the context length {Config.ContextLength} (max_position_embeddings, with rope_scaling).");
        var positions = input.PositionIds ?? arange(past, past + t, ScalarType.Int64, device: ids.device).unsqueeze(0).expand(b, t);
        var (cos, sin) = _rope.Lookup(positions, Dtype);
        var window = Config.SlidingWindow is int w && past + t > w ? WindowMask(positions, input.Mask, input.Cache is not null, past, w) : null;
        var h = _model.call(_model.Embed(ids), new AttentionInput(cos, sin, input.Mask, input.Cache, 0, window)); // [B, T, D]
        input.Cache?.Advance(t);
        if (input.LastOnly && t > 1) h = h.narrow(1, t - 1, 1);
        var logits = _lmHead is null ? nn.functional.linear(h, _model.EmbeddingWeight) : _lmHead.call(h); // [B, T, V]
        return (logits.dtype == ScalarType.Float32 ? logits : logits.to(ScalarType.Float32)).MoveToOuterDisposeScope();
    }

    /// <summary>The attention mask of the sliding layers: a query at position p sees keys at positions p−W+1..p (transformers'
    /// sliding_window_overlay), on top of the mask given, or causal when none is. Built once per forward for all layers.</summary>
    /// <param name="positions">[B, T] positions of the queries.</param>
    /// <param name="cached">Keys come from a KV cache, where column j holds position j (<see cref="IKvCache"/>); otherwise
    /// they are the queries' own tokens, whose positions may restart (packing) or skip padding.</param>
    /// <returns>[B, 1, T, past + T] boolean.</returns>
    private static Tensor WindowMask(Tensor positions, Tensor? mask, bool cached, long past, int window)
    {
        long t = positions.shape[1], l = past + t;
        var keys = cached ? arange(l, ScalarType.Int64, device: positions.device).unsqueeze(0) : positions;     // [B or 1, L]
        var near = (positions.unsqueeze(-1) - keys.unsqueeze(1)).lt(window).unsqueeze(1);                       // [B, 1, T, L]
        // No mask means causal without a cache; with one (one query per row, full rows) every stored key.
        var baseMask = mask ?? (past == 0 ? ones(t, l, ScalarType.Bool, device: positions.device).tril() : null);
        return baseMask is null ? near : baseMask & near;
    }

    // The RoPE tables are derived tensors, not parameters or buffers, so Module.to would leave them behind.
    protected override nn.Module _to(DeviceType deviceType, int deviceIndex, bool non_blocking)
    {
        base._to(deviceType, deviceIndex, non_blocking);
        _rope.MoveTo(new Device(deviceType, deviceIndex));
        return this;
    }

    protected override nn.Module _to(Device device, ScalarType dtype, bool non_blocking)
    {
        base._to(device, dtype, non_blocking);
        _rope.MoveTo(device);
        return this;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _rope.Dispose();
        base.Dispose(disposing);
    }
}
