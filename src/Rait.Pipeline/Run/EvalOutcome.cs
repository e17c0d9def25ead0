using Rait.Evaluation;

namespace Rait.Pipeline.Run;

/// <summary>One evaluated model of a run: where its answers live and its metrics per split.</summary>
/// <param name="Seed">Seed of the stochastic stages behind it (null for the untuned Init runs).</param>
/// <param name="TrainDir">Fine-tuning folder (loss log), or null.</param>
/// <param name="SetDir">The built training set (manifest.json), or null.</param>
public sealed record EvalOutcome(string Method, string Dir, IReadOnlyList<MethodResult> Results, long? Seed = null, string? TrainDir = null,
    string? SetDir = null);
