using TorchSharp;
using Rait.Core;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Checkpoints;

/// <summary>Builds a <see cref="LlamaForCausalLM"/> from a Hugging Face folder (config.json + safetensors).</summary>
public static class HfModelLoader
{
    /// <exception cref="RaitException">Missing or invalid config, weights that do not match it.</exception>
    public static LlamaForCausalLM Load(string modelDir, ModelLoadOptions? options = null)
    {
        options ??= new ModelLoadOptions();
        if (!Directory.Exists(modelDir)) throw new RaitException($"{modelDir}: model folder not found.");
        if (options.Dtype is not (ScalarType.Float32 or ScalarType.BFloat16))
            throw new RaitException($"dtype: expected float32 or bfloat16, got {options.Dtype}.");
        var config = HfConfigReader.Read(modelDir);
        var index = HfCheckpoint.Index(modelDir);
        // HF falls back to tied embeddings whenever the weights carry no separate lm_head.
        if (!config.TieWordEmbeddings && !HfCheckpoint.HasSeparateHead(index))
            config = config with { TieWordEmbeddings = true };
        LlamaForCausalLM? model = null;
        try
        {
            model = new LlamaForCausalLM(config, options.Linear);
            if (options.Dtype != ScalarType.Float32) model.to(options.Dtype);
            // Moved before the weights are read, so each tensor is copied from the file straight to the device.
            var device = options.Device ?? ComputeDevice.Resolve(null);
            if (device.type != DeviceType.CPU) model.to(device);
            HfCheckpoint.LoadStrict(model, index, modelDir);
            model.eval();
            return model;
        }
        catch
        {
            model?.Dispose();
            throw;
        }
    }
}
