using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Core;

namespace Rait.Model.Llama;

/// <summary>
/// Reads and writes HF config.json for llama / mistral / qwen2 / qwen3 (interop.md §2.1).
/// Every key is mapped, on an explicit ignore list, or on a list of keys known to change the math that
/// Rait does not implement (an error naming them, so such a field is never dropped silently: the GenAI
/// rope_scaling lesson). Any other key is reported as a warning and loading goes on: checkpoints carry
/// many bookkeeping extras (SmolLM2's, fine-tuning tools') that a hard error would refuse for nothing.
/// </summary>
public static class HfConfigReader
{
    /// <summary>Keys that are read into <see cref="LlamaConfig"/> or checked.</summary>
    public static readonly IReadOnlySet<string> MappedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "model_type", "architectures", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
        "num_key_value_heads", "head_dim", "vocab_size", "max_position_embeddings", "rms_norm_eps", "rope_theta",
        "rope_scaling", "rope_parameters", "attention_bias", "mlp_bias", "tie_word_embeddings", "bos_token_id",
        "eos_token_id", "pad_token_id", "torch_dtype", "dtype", "hidden_act", "sliding_window", "use_sliding_window",
        "max_window_layers", "layer_types", "pretraining_tp", "quantization_config",
    };

    /// <summary>Keys that do not change inference or training math.</summary>
    public static readonly IReadOnlySet<string> IgnoredKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "_name_or_path", "transformers_version", "use_cache", "initializer_range", "attention_dropout", "hidden_dropout",
        "return_dict", "output_hidden_states", "output_attentions", "torchscript", "use_bfloat16", "is_encoder_decoder",
        "is_decoder", "add_cross_attention", "tie_encoder_decoder", "chunk_size_feed_forward", "id2label", "label2id",
        "problem_type", "tokenizer_class", "prefix", "sep_token_id", "decoder_start_token_id", "task_specific_params",
        "finetuning_task", "model_max_length", "auto_map", "unsloth_version", "_attn_implementation_autoset",
        "use_mrope", "rope_type", "max_length", "num_beams", "temperature", "top_p", "top_k",
    };

    /// <summary>Keys of other architectures or variants that change the forward pass and are not implemented.</summary>
    public static readonly IReadOnlySet<string> UnsupportedMathKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "attn_logit_softcapping", "final_logit_softcapping", "query_pre_attn_scalar", "partial_rotary_factor",
        "rotary_pct", "rotary_emb_base", "qk_layernorm", "use_qk_norm", "qk_norm", "logits_scaling", "logit_scale",
        "embedding_multiplier", "residual_multiplier", "attention_multiplier", "scale_emb", "scale_depth", "dim_model_base",
        "clip_qkv", "num_experts", "num_local_experts", "num_experts_per_tok", "moe_intermediate_size", "n_routed_experts",
        "hidden_activation", "layer_norm_eps", "layer_norm_epsilon", "norm_type", "parallel_attn", "alibi", "use_alibi",
        "no_rope_layers", "sliding_window_pattern", "attention_chunk_size", "mup_width_multiplier",
    };

    /// <summary>Reads <paramref name="modelDir"/>/config.json (and generation_config.json for extra EOS ids).</summary>
    /// <exception cref="RaitException">Missing file, malformed JSON, unknown model_type, unsupported option or unknown key.</exception>
    /// <param name="warn">Receives one line per harmless unknown key (default: standard error).</param>
    public static LlamaConfig Read(string modelDir, Action<string>? warn = null)
    {
        var path = Path.Combine(modelDir, "config.json");
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found (a Hugging Face model folder needs config.json).");
        JsonObject root;
        try { root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new RaitException($"{path}: expected a JSON object."); }
        catch (JsonException e) { throw new RaitException($"{path}: malformed JSON: {e.Message}"); }
        catch (InvalidOperationException) { throw new RaitException($"{path}: expected a JSON object at the top level."); }
        var warnings = new List<string>();
        var cfg = Parse(root, path, warnings);
        foreach (var w in warnings) (warn ?? Console.Error.WriteLine)(w);
        var gen = Path.Combine(modelDir, "generation_config.json");
        if (File.Exists(gen))
        {
            try
            {
                var g = JsonNode.Parse(File.ReadAllText(gen))?.AsObject();
                var extra = g is null ? [] : ReadIds(g["eos_token_id"], gen, "eos_token_id");
                cfg = cfg with { EosTokenIds = cfg.EosTokenIds.Concat(extra).Distinct().ToList() };
            }
            catch (JsonException e) { throw new RaitException($"{gen}: malformed JSON: {e.Message}"); }
        }
        return cfg;
    }

    /// <summary>Parses a config.json object; <paramref name="path"/> is used in error messages.</summary>
    /// <param name="warnings">Receives a warning for unknown keys not known to change the math; null = they are errors too.</param>
    public static LlamaConfig Parse(JsonObject root, string path, ICollection<string>? warnings = null)
    {
        var unknown = root.Select(kv => kv.Key).Where(k => !MappedKeys.Contains(k) && !IgnoredKeys.Contains(k)).ToList();
        var unsupported = unknown.Where(UnsupportedMathKeys.Contains).ToList();
        if (unsupported.Count > 0)
            throw new RaitException($"{path}: {string.Join(", ", unsupported)}: {(unsupported.Count == 1 ? "this key changes" : "these keys change")} the forward pass and {(unsupported.Count == 1 ? "is" : "are")} not supported by Rait's Llama-family model.");
        if (unknown.Count > 0 && warnings is null)
            throw new RaitException($"{path}: unknown keys {string.Join(", ", unknown)}; Rait maps every key that can change the math and refuses to guess about the rest.");
        if (unknown.Count > 0)
            warnings!.Add($"warning: {path}: ignoring unknown keys {string.Join(", ", unknown)} (not known to change the computation; check them if the model's outputs look wrong).");
        if (root["quantization_config"] is not null)
            throw new RaitException($"{path}: quantization_config: quantized checkpoints are not supported; use an unquantized (bf16/fp16/fp32) checkpoint.");

        string modelType = Str(root, "model_type", path) ?? throw new RaitException($"{path}: model_type: missing (expected llama, mistral, qwen2 or qwen3).");
        var family = modelType switch
        {
            "llama" => ModelFamily.Llama,
            "mistral" => ModelFamily.Mistral,
            "qwen2" => ModelFamily.Qwen2,
            "qwen3" => ModelFamily.Qwen3,
            _ => throw new RaitException($"{path}: model_type: expected llama, mistral, qwen2 or qwen3, got \"{modelType}\"."),
        };
        var act = Str(root, "hidden_act", path) ?? "silu";
        if (act != "silu") throw new RaitException($"{path}: hidden_act: only \"silu\" is supported, got \"{act}\".");

        var rp = root["rope_parameters"] as JsonObject;
        double theta = Num(root, "rope_theta", path) ?? (rp is null ? null : Num(rp, "rope_theta", path + " rope_parameters")) ?? 10000.0;
        var scalingNode = root["rope_scaling"] as JsonObject ?? rp;
        bool attentionBias = Bool(root, "attention_bias", path) ?? false;
        var dtype = Str(root, "torch_dtype", path) ?? Str(root, "dtype", path) ?? "float32";

        int layers = Int(root, "num_hidden_layers", path) ?? Missing<int>(path, "num_hidden_layers");
        var (window, slidingLayers) = ReadSlidingWindow(root, path, family, layers, warnings);
        var cfg = new LlamaConfig
        {
            Family = family,
            HiddenSize = Int(root, "hidden_size", path) ?? Missing<int>(path, "hidden_size"),
            IntermediateSize = Int(root, "intermediate_size", path) ?? Missing<int>(path, "intermediate_size"),
            NumLayers = layers,
            NumHeads = Int(root, "num_attention_heads", path) ?? Missing<int>(path, "num_attention_heads"),
            NumKvHeads = Int(root, "num_key_value_heads", path) ?? 0,
            HeadDim = Int(root, "head_dim", path) ?? 0,
            VocabSize = Int(root, "vocab_size", path) ?? Missing<int>(path, "vocab_size"),
            MaxPositions = Int(root, "max_position_embeddings", path) ?? 2048,
            RmsNormEps = Num(root, "rms_norm_eps", path) ?? 1e-6,
            RopeTheta = theta,
            RopeScaling = ParseRopeScaling(scalingNode, path),
            SlidingWindow = window,
            SlidingLayers = slidingLayers,
            // Qwen2 ignores attention_bias: q/k/v always carry a bias, o_proj never (modeling_qwen2.py).
            QkvBias = family == ModelFamily.Qwen2 || attentionBias,
            OutputBias = family != ModelFamily.Qwen2 && attentionBias,
            MlpBias = family == ModelFamily.Llama && (Bool(root, "mlp_bias", path) ?? false),
            QkNorm = family == ModelFamily.Qwen3,
            TieWordEmbeddings = Bool(root, "tie_word_embeddings", path) ?? false,
            BosTokenId = Int(root, "bos_token_id", path),
            EosTokenIds = ReadIds(root["eos_token_id"], path, "eos_token_id"),
            PadTokenId = Int(root, "pad_token_id", path),
            TorchDtype = dtype,
        };
        var errors = cfg.Validate();
        if (errors.Count > 0) throw new RaitException($"{path}: {string.Join("; ", errors)}");
        return cfg.Normalized();
    }

    /// <summary>Serialises a config to HF config.json form (transformers can load it).</summary>
    public static JsonObject ToJson(LlamaConfig c)
    {
        var (type, arch) = c.Family switch
        {
            ModelFamily.Llama => ("llama", "LlamaForCausalLM"),
            ModelFamily.Mistral => ("mistral", "MistralForCausalLM"),
            ModelFamily.Qwen2 => ("qwen2", "Qwen2ForCausalLM"),
            ModelFamily.Qwen3 => ("qwen3", "Qwen3ForCausalLM"),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
        var o = new JsonObject
        {
            ["architectures"] = new JsonArray(arch),
            ["model_type"] = type,
            ["hidden_size"] = c.HiddenSize,
            ["intermediate_size"] = c.IntermediateSize,
            ["num_hidden_layers"] = c.NumLayers,
            ["num_attention_heads"] = c.NumHeads,
            ["num_key_value_heads"] = c.NumKvHeads,
            ["head_dim"] = c.HeadDim,
            ["vocab_size"] = c.VocabSize,
            ["max_position_embeddings"] = c.MaxPositions,
            ["rms_norm_eps"] = c.RmsNormEps,
            ["rope_theta"] = c.RopeTheta,
            ["hidden_act"] = "silu",
            ["tie_word_embeddings"] = c.TieWordEmbeddings,
            ["torch_dtype"] = c.TorchDtype,
        };
        if (c.Family != ModelFamily.Qwen2) o["attention_bias"] = c.QkvBias;
        if (c.Family == ModelFamily.Llama) o["mlp_bias"] = c.MlpBias;
        o["rope_scaling"] = c.RopeScaling?.ToJson();
        WriteSlidingWindow(c, o);
        if (c.BosTokenId is { } b) o["bos_token_id"] = b;
        if (c.EosTokenIds.Count == 1) o["eos_token_id"] = c.EosTokenIds[0];
        else if (c.EosTokenIds.Count > 1) o["eos_token_id"] = new JsonArray(c.EosTokenIds.Select(i => (JsonNode)i).ToArray());
        if (c.PadTokenId is { } p) o["pad_token_id"] = p;
        return o;
    }

    /// <summary>Keys each rope_type reads; any other key in rope_scaling would change the frequencies in a way Rait cannot know.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> RopeKeys = new Dictionary<string, string[]>
    {
        ["default"] = [],
        ["linear"] = ["factor"],
        ["llama3"] = ["factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings"],
        ["yarn"] = ["factor", "original_max_position_embeddings", "beta_fast", "beta_slow", "attention_factor", "mscale", "mscale_all_dim", "truncate"],
    };

    private static RopeScaling? ParseRopeScaling(JsonObject? s, string path)
    {
        if (s is null) return null;
        string where = path + ": rope_scaling";
        var type = Str(s, "rope_type", where) ?? Str(s, "type", where) ?? "default";
        if (!RopeKeys.TryGetValue(type, out var keys))
            throw new RaitException($"{where}.rope_type: \"{type}\" is not supported (supported: {string.Join(", ", RopeKeys.Keys)}).");
        var extra = s.Select(kv => kv.Key).Where(k => k is not ("rope_type" or "type" or "rope_theta") && !keys.Contains(k)).ToList();
        if (extra.Count > 0)
            throw new RaitException($"{where}: {string.Join(", ", extra)}: not a field of rope_type \"{type}\" that Rait implements (expected {(keys.Length == 0 ? "none" : string.Join(", ", keys))}).");
        double Factor()
        {
            double f = Num(s, "factor", where) ?? Missing<double>(path, "rope_scaling.factor");
            return f > 0 ? f : throw new RaitException($"{where}.factor: expected a number > 0, got {f}.");
        }
        return type switch
        {
            "default" => null,
            "linear" => new LinearRopeScaling(Factor()),
            "llama3" => new Llama3RopeScaling(Factor(),
                Num(s, "low_freq_factor", where) ?? Missing<double>(path, "rope_scaling.low_freq_factor"),
                Num(s, "high_freq_factor", where) ?? Missing<double>(path, "rope_scaling.high_freq_factor"),
                Int(s, "original_max_position_embeddings", where) ?? Missing<int>(path, "rope_scaling.original_max_position_embeddings")),
            _ => new YarnRopeScaling(Factor(), Int(s, "original_max_position_embeddings", where),
                Num(s, "beta_fast", where) ?? 32, Num(s, "beta_slow", where) ?? 1, Num(s, "attention_factor", where),
                Num(s, "mscale", where), Num(s, "mscale_all_dim", where), Bool(s, "truncate", where) ?? true),
        };
    }

    /// <summary>transformers' rules: Mistral slides every layer whenever sliding_window is set (its class default is 4096
    /// when the key is absent); Qwen2/3 only with use_sliding_window, on the layers layer_types marks "sliding_attention"
    /// or else those from max_window_layers (default 28) on; Llama has no sliding window.</summary>
    private static (int? Window, IReadOnlySet<int>? Layers) ReadSlidingWindow(JsonObject root, string path, ModelFamily family, int layers,
        ICollection<string>? warnings)
    {
        bool present = root.ContainsKey("sliding_window");
        int? window = Int(root, "sliding_window", path);
        if (window is <= 0) throw new RaitException($"{path}: sliding_window: expected a positive integer or null, got {window}.");
        switch (family)
        {
            case ModelFamily.Llama:
                if (window is not null) warnings?.Add($"warning: {path}: sliding_window: ignored, as transformers does for llama models (full attention).");
                return (null, null);
            case ModelFamily.Mistral:
                return (present ? window : 4096, LayerTypes(root, path, layers));
            default:
                if (Bool(root, "use_sliding_window", path) != true || window is null) return (null, null);
                var typed = LayerTypes(root, path, layers);
                if (typed is not null) return (window, typed);
                int first = Int(root, "max_window_layers", path) ?? 28;
                return (window, Enumerable.Range(0, layers).Where(i => i >= first).ToHashSet());
        }
    }

    /// <summary>The sliding layers named by layer_types, or null when the key is absent.</summary>
    private static HashSet<int>? LayerTypes(JsonObject root, string path, int layers)
    {
        if (root["layer_types"] is not { } node) return null;
        if (node is not JsonArray a || a.Count != layers)
            throw new RaitException($"{path}: layer_types: expected a list of {layers} entries (one per layer), got {node.ToJsonString()}.");
        var sliding = new HashSet<int>();
        for (int i = 0; i < a.Count; i++)
        {
            var v = a[i] is { } x && x.GetValueKind() == JsonValueKind.String ? x.GetValue<string>() : null;
            if (v == "sliding_attention") sliding.Add(i);
            else if (v != "full_attention")
                throw new RaitException($"{path}: layer_types[{i}]: expected \"full_attention\" or \"sliding_attention\", got {a[i]?.ToJsonString() ?? "null"}.");
        }
        return sliding;
    }

    private static void WriteSlidingWindow(LlamaConfig c, JsonObject o)
    {
        if (c.Family == ModelFamily.Llama) return;
        // An absent key would mean 4096 to transformers' Mistral, so full attention is written as an explicit null.
        o["sliding_window"] = c.SlidingWindow;
        if (c.Family == ModelFamily.Mistral && c.SlidingLayers is null) return;
        if (c.Family != ModelFamily.Mistral) o["use_sliding_window"] = c.SlidingWindow is not null;
        if (c.SlidingWindow is null) return;
        var sliding = Enumerable.Range(0, c.NumLayers).Where(c.IsSliding).ToList();
        // Older transformers read only max_window_layers; it can say "from layer k on", layer_types says the rest.
        if (c.Family != ModelFamily.Mistral)
            o["max_window_layers"] = sliding.Count > 0 && sliding.SequenceEqual(Enumerable.Range(sliding[0], c.NumLayers - sliding[0])) ? sliding[0] : c.NumLayers;
        o["layer_types"] = new JsonArray(Enumerable.Range(0, c.NumLayers).Select(i => (JsonNode)(c.IsSliding(i) ? "sliding_attention" : "full_attention")).ToArray());
    }

    private static T Missing<T>(string path, string key) => throw new RaitException($"{path}: {key}: required field is missing.");

    private static string? Str(JsonObject o, string key, string path)
    {
        var n = o[key];
        if (n is null) return null;
        if (n.GetValueKind() != JsonValueKind.String) throw new RaitException($"{path}: {key}: expected a string, got {n.ToJsonString()}.");
        return n.GetValue<string>();
    }

    private static int? Int(JsonObject o, string key, string path)
    {
        var n = o[key];
        if (n is null) return null;
        if (n.GetValueKind() != JsonValueKind.Number || !n.AsValue().TryGetValue<int>(out var v))
        {
            if (n.GetValueKind() == JsonValueKind.Number && n.AsValue().TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) return (int)d;
            throw new RaitException($"{path}: {key}: expected an integer, got {n.ToJsonString()}.");
        }
        return v;
    }

    private static double? Num(JsonObject o, string key, string path)
    {
        var n = o[key];
        if (n is null) return null;
        if (n.GetValueKind() != JsonValueKind.Number) throw new RaitException($"{path}: {key}: expected a number, got {n.ToJsonString()}.");
        return n.GetValue<double>();
    }

    private static bool? Bool(JsonObject o, string key, string path)
    {
        var n = o[key];
        if (n is null) return null;
        var k = n.GetValueKind();
        if (k != JsonValueKind.True && k != JsonValueKind.False) throw new RaitException($"{path}: {key}: expected true or false, got {n.ToJsonString()}.");
        return n.GetValue<bool>();
    }

    private static List<int> ReadIds(JsonNode? n, string path, string key)
    {
        if (n is null) return [];
        if (n is JsonArray a) return a.Select((x, i) => x is not null && x.GetValueKind() == JsonValueKind.Number ? x.GetValue<int>() : throw new RaitException($"{path}: {key}[{i}]: expected an integer token id.")).ToList();
        if (n.GetValueKind() == JsonValueKind.Number) return [n.GetValue<int>()];
        throw new RaitException($"{path}: {key}: expected an integer or a list of integers, got {n.ToJsonString()}.");
    }
}
