namespace Rait.Model.Llama;

/// <summary>The Llama-family architectures the engine implements (HF model_type).</summary>
public enum ModelFamily { Llama, Mistral, Qwen2, Qwen3 }
