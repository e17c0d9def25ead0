using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Core;
using Rait.Core.Io;
using Rait.Model.Checkpoints;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Lora;

/// <summary>
/// PEFT-format adapter files: adapter_config.json + adapter_model.safetensors with keys
/// `base_model.model.&lt;module&gt;.lora_A.weight` [R, in] / `lora_B.weight` [out, R] (interop.md §5),
/// loadable by HF PEFT and vLLM.
/// </summary>
public static class PeftAdapter
{
    private const string Prefix = "base_model.model.";
    public const string ConfigFile = "adapter_config.json";
    public const string WeightsFile = "adapter_model.safetensors";

    /// <summary>Writes the adapter of <paramref name="model"/> (atomically, file by file; config last).</summary>
    public static void Save(LlamaForCausalLM model, LoraOptions o, string dir, string baseModel)
    {
        Directory.CreateDirectory(dir);
        using var scope = NewDisposeScope();
        var tensors = LoraInjector.AdapterParameters(model)
            .Select(p => new KeyValuePair<string, Tensor>(Prefix + p.Name, p.Parameter.detach().to(ScalarType.Float32)))
            .ToList();
        if (tensors.Count == 0) throw new RaitException("adapter save: the model has no LoRA layers.");
        SafetensorsFile.Write(Path.Combine(dir, WeightsFile), tensors);
        var config = new JsonObject
        {
            ["peft_type"] = "LORA", ["task_type"] = "CAUSAL_LM", ["base_model_name_or_path"] = baseModel,
            ["r"] = o.Rank, ["lora_alpha"] = o.Alpha, ["lora_dropout"] = o.Dropout,
            ["target_modules"] = new JsonArray(o.TargetModules.Select(t => (JsonNode)t).ToArray()),
            ["bias"] = "none", ["fan_in_fan_out"] = false, ["use_rslora"] = o.UseRsLora, ["use_dora"] = false,
            ["modules_to_save"] = null, ["inference_mode"] = true, ["init_lora_weights"] = true,
        };
        AtomicFile.WriteAllText(Path.Combine(dir, ConfigFile), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads adapter_config.json into our options; rejects what we cannot apply faithfully.</summary>
    public static LoraOptions ReadOptions(string dir)
    {
        var path = Path.Combine(dir, ConfigFile);
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found (a PEFT adapter folder needs adapter_config.json).");
        JsonObject o;
        try { o = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new RaitException($"{path}: expected a JSON object."); }
        catch (JsonException e) { throw new RaitException($"{path}: malformed JSON: {e.Message}"); }
        string Str(string k) => o[k]?.GetValueKind() == JsonValueKind.String ? o[k]!.GetValue<string>() : "";
        if (Str("peft_type") != "LORA") throw new RaitException($"{path}: peft_type: expected \"LORA\", got \"{Str("peft_type")}\".");
        if (o["use_dora"]?.GetValue<bool>() == true) throw new RaitException($"{path}: use_dora: DoRA adapters are not supported.");
        if (o["bias"] is { } b && b.GetValue<string>() != "none") throw new RaitException($"{path}: bias: only \"none\" is supported, got \"{b.GetValue<string>()}\".");
        if (o["rank_pattern"] is JsonObject rp && rp.Count > 0) throw new RaitException($"{path}: rank_pattern: per-module ranks are not supported.");
        if (o["alpha_pattern"] is JsonObject ap && ap.Count > 0) throw new RaitException($"{path}: alpha_pattern: per-module alphas are not supported.");
        var targets = o["target_modules"] switch
        {
            JsonArray a => a.Select(x => x!.GetValue<string>()).ToList(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "all-linear" => LoraOptions.KnownTargets.ToList(),
            _ => throw new RaitException($"{path}: target_modules: expected a list of module names or \"all-linear\"."),
        };
        var options = new LoraOptions
        {
            Rank = o["r"]?.GetValue<int>() ?? throw new RaitException($"{path}: r: missing."),
            Alpha = o["lora_alpha"]?.GetValue<double>() ?? throw new RaitException($"{path}: lora_alpha: missing."),
            Dropout = o["lora_dropout"]?.GetValue<double>() ?? 0,
            UseRsLora = o["use_rslora"]?.GetValue<bool>() ?? false,
            TargetModules = targets,
        };
        var errors = options.Validate("adapter_config");
        if (errors.Count > 0) throw new RaitException($"{path}: {string.Join("; ", errors)}");
        return options;
    }

    /// <summary>Copies the adapter weights into a model built with the same LoRA options; every adapter key
    /// must be present with the shape the base model implies, else the adapter belongs to another base.</summary>
    public static void LoadWeights(LlamaForCausalLM model, string dir)
    {
        var path = Path.Combine(dir, WeightsFile);
        var file = SafetensorsFile.Open(path);
        var expected = LoraInjector.AdapterParameters(model).ToDictionary(p => Prefix + p.Name, p => p.Parameter);
        var problems = new List<string>();
        foreach (var (key, p) in expected)
        {
            if (!file.Entries.TryGetValue(key, out var e)) { problems.Add($"missing {key}"); continue; }
            if (!e.Shape.SequenceEqual(p.shape))
                problems.Add($"{key}: adapter shape [{string.Join(", ", e.Shape)}], the base model needs [{string.Join(", ", p.shape)}]");
        }
        foreach (var key in file.Entries.Keys.Where(k => !expected.ContainsKey(k))) problems.Add($"unexpected {key}");
        if (problems.Count > 0)
            throw new RaitException($"{path}: adapter does not match the base model: {string.Join("; ", problems.Take(12))}{(problems.Count > 12 ? $"; and {problems.Count - 12} more" : "")}.");
        using var noGrad = no_grad();
        foreach (var (key, p) in expected)
        {
            using var t = file.Read(key, p.dtype);
            p.copy_(t);
        }
    }

    /// <summary>Loads a base model with the adapter of <paramref name="adapterDir"/> applied (unmerged).</summary>
    public static LlamaForCausalLM LoadWithAdapter(string modelDir, string adapterDir, ModelLoadOptions? options = null)
    {
        var lora = ReadOptions(adapterDir) with { Dropout = 0 };
        var model = HfModelLoader.Load(modelDir, (options ?? new ModelLoadOptions()) with { Linear = LoraInjector.Factory(lora) });
        try
        {
            LoraInjector.AdaptersToFloat32(model);
            LoadWeights(model, adapterDir);
            return model;
        }
        catch { model.Dispose(); throw; }
    }
}
