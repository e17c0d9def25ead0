using Rait.Model;
using Rait.Model.Checkpoints;

namespace Rait.Pipeline.Eval;

/// <summary>
/// The model to evaluate, named by folder so its fingerprint is known without loading it: a resumed run whose
/// splits are all finished never loads the weights.
/// </summary>
/// <param name="Load">Loads the model (called at most once per run; the runner disposes it).</param>
public sealed record EvalModelSource(string ModelDir, string? AdapterDir, Func<LanguageModel> Load)
{
    /// <summary>Same value as <see cref="LanguageModel.Fingerprint"/> of the loaded model.</summary>
    public string Fingerprint => LanguageModel.FingerprintOf(ModelDir, AdapterDir);

    /// <summary>A source that loads <paramref name="modelDir"/> (plus an optional PEFT adapter) with <paramref name="options"/>.</summary>
    public static EvalModelSource FromFolder(string modelDir, string? adapterDir = null, ModelLoadOptions? options = null) =>
        new(modelDir, adapterDir, () => LanguageModel.Load(modelDir, options, adapterDir));
}
