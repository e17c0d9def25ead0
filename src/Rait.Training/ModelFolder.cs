using Rait.Model.Checkpoints;
using Rait.Model.Llama;
using Rait.Model.Lora;
using static TorchSharp.torch;

namespace Rait.Training;

/// <summary>Writes a complete HF model folder: weights + config, plus the base folder's tokenizer files.</summary>
public static class ModelFolder
{
    private static readonly string[] TokenizerFiles =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json", "chat_template.jinja"];

    /// <summary>Saves <paramref name="model"/> (LoRA merged first, if any) as a folder transformers can load,
    /// sharded above <paramref name="maxShardBytes"/> (see <see cref="HfCheckpoint.Save"/>).</summary>
    public static void SaveFull(LlamaForCausalLM model, string baseDir, string outDir, ScalarType dtype = ScalarType.Float32,
        long maxShardBytes = ShardPlan.DefaultMaxShardBytes)
    {
        Directory.CreateDirectory(outDir);
        LoraInjector.MergeAll(model);
        HfCheckpoint.Save(model, outDir, dtype, maxShardBytes);
        CopyTokenizer(baseDir, outDir);
    }

    public static void CopyTokenizer(string baseDir, string outDir)
    {
        foreach (var f in TokenizerFiles)
        {
            var src = Path.Combine(baseDir, f);
            if (File.Exists(src)) Core.Io.AtomicFile.WriteAllBytes(Path.Combine(outDir, f), File.ReadAllBytes(src));
        }
    }
}
