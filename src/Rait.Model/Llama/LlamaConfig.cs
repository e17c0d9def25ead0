namespace Rait.Model.Llama;

/// <summary>
/// Everything about a Llama-family checkpoint that changes the math. Built from HF config.json by
/// <see cref="HfConfigReader"/>, or by hand for tests and the synthetic world.
/// </summary>
public sealed record LlamaConfig
{
    public ModelFamily Family { get; init; } = ModelFamily.Llama;
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumLayers { get; init; }
    public required int NumHeads { get; init; }
    public int NumKvHeads { get; init; }
    /// <summary>Per-head dimension; Qwen3 sets it independently of hidden/heads.</summary>
    public int HeadDim { get; init; }
    public required int VocabSize { get; init; }
    public int MaxPositions { get; init; } = 2048;
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000.0;
    public RopeScaling? RopeScaling { get; init; }
    /// <summary>Sliding-window attention: a query sees the keys less than this many positions back; null = full attention.</summary>
    public int? SlidingWindow { get; init; }
    /// <summary>The layers that use <see cref="SlidingWindow"/> (Qwen2/3 above max_window_layers, or layer_types);
    /// null = every layer (Mistral).</summary>
    public IReadOnlySet<int>? SlidingLayers { get; init; }
    /// <summary>Bias on q/k/v projections (Qwen2 always; Llama/Mistral/Qwen3 when attention_bias).</summary>
    public bool QkvBias { get; init; }
    /// <summary>Bias on o_proj (Llama attention_bias only; never for Qwen2).</summary>
    public bool OutputBias { get; init; }
    public bool MlpBias { get; init; }
    /// <summary>Qwen3's per-head RMSNorm on q and k before RoPE.</summary>
    public bool QkNorm { get; init; }
    public bool TieWordEmbeddings { get; init; }
    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? PadTokenId { get; init; }
    /// <summary>dtype the checkpoint was saved in ("float32", "bfloat16", "float16").</summary>
    public string TorchDtype { get; init; } = "float32";

    /// <summary>The longest sequence the model serves: max_position_embeddings, extended by YaRN scaling.</summary>
    public int ContextLength => RopeScaling?.ContextLength(MaxPositions) ?? MaxPositions;

    /// <summary>Whether layer <paramref name="layer"/> attends through the sliding window.</summary>
    public bool IsSliding(int layer) => SlidingWindow is not null && (SlidingLayers is null || SlidingLayers.Contains(layer));

    /// <summary>Fills the derived defaults (Hkv = H, head_dim = d / H).</summary>
    public LlamaConfig Normalized() => this with
    {
        NumKvHeads = NumKvHeads > 0 ? NumKvHeads : NumHeads,
        HeadDim = HeadDim > 0 ? HeadDim : HiddenSize / NumHeads,
    };

    /// <summary>All problems with the numbers, each naming its config.json field.</summary>
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        void Pos(int v, string name) { if (v <= 0) e.Add($"{name}: expected a positive integer, got {v}"); }
        Pos(HiddenSize, "hidden_size"); Pos(IntermediateSize, "intermediate_size"); Pos(NumLayers, "num_hidden_layers");
        Pos(NumHeads, "num_attention_heads"); Pos(VocabSize, "vocab_size"); Pos(MaxPositions, "max_position_embeddings");
        var n = Normalized();
        if (n.NumKvHeads <= 0 || (NumHeads > 0 && NumHeads % n.NumKvHeads != 0))
            e.Add($"num_key_value_heads: must divide num_attention_heads ({NumHeads}), got {n.NumKvHeads}");
        if (HeadDim <= 0 && NumHeads > 0 && HiddenSize % NumHeads != 0)
            e.Add($"hidden_size: {HiddenSize} is not divisible by num_attention_heads {NumHeads} and head_dim is not set");
        if (n.HeadDim % 2 != 0) e.Add($"head_dim: must be even for RoPE, got {n.HeadDim}");
        if (RmsNormEps <= 0) e.Add($"rms_norm_eps: expected > 0, got {RmsNormEps}");
        if (RopeTheta <= 0) e.Add($"rope_theta: expected > 0, got {RopeTheta}");
        if (SlidingWindow is <= 0) e.Add($"sliding_window: expected a positive integer or null, got {SlidingWindow}");
        return e;
    }

    /// <summary>Approximate parameter count (embeddings counted once when tied).</summary>
    public long ParameterCount()
    {
        var n = Normalized();
        long d = n.HiddenSize, hd = n.HeadDim;
        long attn = d * n.NumHeads * hd * 2 + d * n.NumKvHeads * hd * 2;
        long mlp = 3 * d * n.IntermediateSize;
        long perLayer = attn + mlp + 2 * d + (n.QkNorm ? 2 * hd : 0);
        long emb = (long)n.VocabSize * d;
        return perLayer * n.NumLayers + d + emb * (n.TieWordEmbeddings ? 1 : 2);
    }
}
