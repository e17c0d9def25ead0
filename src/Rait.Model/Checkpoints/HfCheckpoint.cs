using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Checkpoints;

/// <summary>
/// Strict loading and saving of HF model weights: model.safetensors or a sharded set with
/// model.safetensors.index.json. Every missing key, unexpected key and shape mismatch is reported
/// together; nothing is loaded non-strictly.
/// </summary>
public static class HfCheckpoint
{
    private const string EmbedKey = "model.embed_tokens.weight";
    private const string HeadKey = "lm_head.weight";

    /// <summary>Maps every tensor name in the folder's weights to the file that holds it.</summary>
    public static IReadOnlyDictionary<string, SafetensorsFile> Index(string modelDir)
    {
        var single = Path.Combine(modelDir, "model.safetensors");
        var indexPath = Path.Combine(modelDir, "model.safetensors.index.json");
        var map = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        if (File.Exists(indexPath))
        {
            var files = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
            foreach (var (tensor, shard) in ReadWeightMap(indexPath))
            {
                if (!files.TryGetValue(shard, out var f))
                {
                    var shardPath = Path.Combine(modelDir, shard);
                    if (!File.Exists(shardPath)) throw new RaitException($"{indexPath}: weight_map.{tensor}: shard file \"{shard}\" not found.");
                    files[shard] = f = SafetensorsFile.Open(shardPath);
                }
                if (!f.Entries.ContainsKey(tensor)) throw new RaitException($"{indexPath}: weight_map.{tensor}: \"{shard}\" has no such tensor.");
                map[tensor] = f;
            }
            return map;
        }
        if (!File.Exists(single))
            throw new RaitException($"{modelDir}: no weights found (expected model.safetensors or model.safetensors.index.json).");
        var file = SafetensorsFile.Open(single);
        foreach (var name in file.Entries.Keys) map[name] = file;
        return map;
    }

    private static IEnumerable<(string Tensor, string Shard)> ReadWeightMap(string indexPath)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(indexPath)); }
        catch (JsonException e) { throw new RaitException($"{indexPath}: malformed JSON: {e.Message}"); }
        using var _ = doc;
        if (!doc.RootElement.TryGetProperty("weight_map", out var wm) || wm.ValueKind != JsonValueKind.Object)
            throw new RaitException($"{indexPath}: weight_map: missing or not an object.");
        var list = new List<(string, string)>();
        foreach (var p in wm.EnumerateObject())
            list.Add((p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new RaitException($"{indexPath}: weight_map.{p.Name}: expected a file name.")));
        return list;
    }

    /// <summary>Whether the weights store an output projection; HF ties embeddings whenever lm_head is absent.</summary>
    public static bool HasSeparateHead(IReadOnlyDictionary<string, SafetensorsFile> index) =>
        index.ContainsKey(HeadKey) && index.ContainsKey(EmbedKey);

    /// <summary>Copies checkpoint tensors into <paramref name="model"/>; keys containing "lora_" are adapter
    /// parameters and are not expected in a base checkpoint.</summary>
    /// <exception cref="RaitException">Lists every missing key, unexpected key and shape mismatch.</exception>
    public static void LoadStrict(LlamaForCausalLM model, IReadOnlyDictionary<string, SafetensorsFile> index, string modelDir)
    {
        var state = model.state_dict();
        var expected = state.Keys.Where(k => !k.Contains("lora_", StringComparison.Ordinal)).ToList();
        var problems = new List<string>();
        var source = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in expected)
        {
            if (index.ContainsKey(key)) source[key] = key;
            // The TinyStories checkpoint stores only lm_head for tied embeddings.
            else if (key == EmbedKey && model.Config.TieWordEmbeddings && index.ContainsKey(HeadKey)) source[key] = HeadKey;
            else problems.Add($"missing {key}");
        }
        var used = new HashSet<string>(source.Values, StringComparer.Ordinal);
        foreach (var key in index.Keys)
        {
            if (used.Contains(key) || key.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal)) continue;
            if (key == HeadKey && model.Config.TieWordEmbeddings) continue; // redundant copy of the tied matrix
            problems.Add($"unexpected {key}");
        }
        foreach (var (key, src) in source)
        {
            var entry = index[src].Entries[src];
            var want = state[key].shape;
            if (!entry.Shape.SequenceEqual(want))
                problems.Add($"shape of {src}: checkpoint [{string.Join(", ", entry.Shape)}], config needs [{string.Join(", ", want)}]");
        }
        if (problems.Count > 0)
            throw new RaitException($"{modelDir}: weights do not match config.json: {string.Join("; ", problems)}.");
        using var noGrad = no_grad();
        foreach (var (key, src) in source)
        {
            using var scope = NewDisposeScope();
            var target = state[key];
            var t = index[src].Read(src, target.dtype);
            if (t.is_floating_point() && !t.isfinite().all().item<bool>())
                throw new RaitException($"{index[src].Path}: tensor \"{src}\" contains NaN or infinite values.");
            target.copy_(t);
        }
    }

    private const string SingleFile = "model.safetensors";
    private const string IndexFile = "model.safetensors.index.json";

    /// <summary>Writes config.json and the base weights (no LoRA tensors) in <paramref name="dtype"/> so that
    /// transformers can load the folder: model.safetensors when they fit in <paramref name="maxShardBytes"/>,
    /// else HF-named shards plus model.safetensors.index.json. Tied embeddings are stored once, as
    /// model.embed_tokens.weight. Weights of the other layout left by an earlier save are removed.</summary>
    public static void Save(LlamaForCausalLM model, string dir, ScalarType dtype = ScalarType.Float32, long maxShardBytes = ShardPlan.DefaultMaxShardBytes)
    {
        DtypeName(dtype); // refuse a dtype config.json cannot name before any file is touched
        Directory.CreateDirectory(dir);
        var state = model.state_dict().Where(kv => !kv.Key.Contains("lora_", StringComparison.Ordinal)).ToList();
        long elementBytes = SafetensorsDtype.ByteSize(SafetensorsDtype.FromScalarType(dtype))!.Value;
        var sizes = state.Select(kv => kv.Value.NumberOfElements * elementBytes).ToList();
        var shardOf = ShardPlan.Assign(sizes, maxShardBytes);
        int count = shardOf.Length == 0 ? 1 : shardOf[^1] + 1;
        var indexPath = Path.Combine(dir, IndexFile);
        if (count == 1)
        {
            WriteShard(Path.Combine(dir, SingleFile), state, dtype);
            // The index wins when both exist, so only now, with the new file complete, may it go.
            DeleteIfExists(indexPath);
            DeleteStaleShards(dir, keep: new HashSet<string>());
        }
        else
        {
            // An old index must not outlive the first overwritten shard: it would map names into a mixed set.
            DeleteIfExists(indexPath);
            var names = Enumerable.Range(0, count).Select(i => ShardPlan.ShardFileName(i, count)).ToList();
            for (int shard = 0; shard < count; shard++)
                WriteShard(Path.Combine(dir, names[shard]), state.Where((_, i) => shardOf[i] == shard), dtype);
            var weightMap = new System.Text.Json.Nodes.JsonObject();
            foreach (var i in Enumerable.Range(0, state.Count).OrderBy(i => state[i].Key, StringComparer.Ordinal))
                weightMap[state[i].Key] = names[shardOf[i]];
            var index = new System.Text.Json.Nodes.JsonObject
            {
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["total_size"] = sizes.Sum() },
                ["weight_map"] = weightMap,
            };
            // Written last, so a crash part-way never leaves an index that points at missing shards.
            AtomicFile.WriteAllText(indexPath, index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            DeleteIfExists(Path.Combine(dir, SingleFile));
            DeleteStaleShards(dir, keep: names.ToHashSet(StringComparer.Ordinal));
        }
        var config = model.Config with { TorchDtype = DtypeName(dtype) };
        AtomicFile.WriteAllText(Path.Combine(dir, "config.json"),
            HfConfigReader.ToJson(config).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Converts one shard's tensors at a time, so peak extra memory is one shard, not the whole model.</summary>
    private static void WriteShard(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var converted = tensors.Select(kv => new KeyValuePair<string, Tensor>(kv.Key, kv.Value.detach().to(dtype))).ToList();
        SafetensorsFile.Write(path, converted);
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    private static void DeleteStaleShards(string dir, IReadOnlySet<string> keep)
    {
        foreach (var f in Directory.EnumerateFiles(dir, "model-*-of-*.safetensors"))
        {
            var name = Path.GetFileName(f);
            if (ShardPlan.ShardFilePattern().IsMatch(name) && !keep.Contains(name)) File.Delete(f);
        }
    }

    /// <summary>The ScalarType for a config.json torch_dtype value Rait can write; null for anything else.</summary>
    public static ScalarType? ParseDtypeName(string? name) => name switch
    {
        "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        "float16" => ScalarType.Float16,
        _ => null,
    };

    public static string DtypeName(ScalarType t) => t switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unsupported weight dtype"),
    };
}
