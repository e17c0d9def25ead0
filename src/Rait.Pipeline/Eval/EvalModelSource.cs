using Rait.Model.Chat;
using Rait.Core.Endpoints;
using Rait.Model;
using Rait.Model.Checkpoints;

namespace Rait.Pipeline.Eval;

/// <summary>
/// The model to evaluate, named by folder (or endpoint) so its fingerprint is known without loading it: a resumed
/// run whose splits are all finished never loads the weights.
/// </summary>
/// <param name="Load">Loads the model (called at most once per run; the runner disposes it).</param>
public sealed record EvalModelSource(string ModelDir, string? AdapterDir, Func<LanguageModel> Load)
{
    /// <summary>Same value as <see cref="LanguageModel.Fingerprint"/> of the loaded model, or the endpoint's fingerprint.</summary>
    public string Fingerprint { get => _fingerprint ?? LanguageModel.FingerprintOf(ModelDir, AdapterDir); init => _fingerprint = value; }
    private readonly string? _fingerprint;

    /// <summary>Set when the answers come from a server instead of <see cref="Load"/>.</summary>
    public EndpointModel? Endpoint { get; init; }

    /// <summary>Opens the answer source (called at most once per run; the runner disposes it).</summary>
    public IAnswerSource Open(EvalConfig config) =>
        Endpoint is { } e ? new EndpointAnswerSource(e, config) : new LocalAnswerSource(Load(), config);

    /// <summary>A source that loads <paramref name="modelDir"/> (plus an optional PEFT adapter) with <paramref name="options"/>.</summary>
    public static EvalModelSource FromFolder(string modelDir, string? adapterDir = null, ModelLoadOptions? options = null, ChatTemplateOptions? chat = null) =>
        new(modelDir, adapterDir, () => LanguageModel.Load(modelDir, options, adapterDir, chat));

    /// <summary>A served model; <paramref name="fingerprint"/> is <see cref="EndpointModel.Fingerprint"/> (asked once by the caller).</summary>
    public static EvalModelSource FromEndpoint(EndpointModel endpoint, string fingerprint) =>
        new($"{endpoint.Name} at {endpoint.Endpoint}", null, () => throw new InvalidOperationException("an endpoint model is not loaded locally"))
        {
            Fingerprint = fingerprint, Endpoint = endpoint,
        };
}
