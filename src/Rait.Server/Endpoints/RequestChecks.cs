using Rait.Model.Generation;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Checks shared by the chat and completions endpoints; each collects every problem before throwing one 400.</summary>
internal static class RequestChecks
{
    /// <summary>The sampling fields both APIs share, already parsed from JSON.</summary>
    public sealed record SamplingFields(double? Temperature, double? TopP, int? N, StopSequences? Stop,
        double? PresencePenalty, double? FrequencyPenalty, IReadOnlyDictionary<string, double>? LogitBias,
        int? TopK, double? MinP, double? RepetitionPenalty);

    public static void Model(string? model, IChatBackend backend)
    {
        if (string.IsNullOrEmpty(model)) throw ApiException.BadRequest("model: required; GET /v1/models lists the served model.", "model");
        if (model != backend.ModelId) throw ApiException.ModelNotFound(model);
    }

    /// <summary>Sampling options without MaxNewTokens (set once the prompt length is known).</summary>
    public static SamplingOptions Sampling(SamplingFields f, ServeOptions options, List<(string Param, string Message)> errors)
    {
        if (f.Temperature is { } t && !(t >= 0 && t <= 2)) errors.Add(("temperature", $"temperature: expected 0..2, got {t}"));
        if (f.TopP is { } p && !(p > 0 && p <= 1)) errors.Add(("top_p", $"top_p: expected a value in (0, 1], got {p}"));
        if (f.N is { } n && (n < 1 || n > options.MaxChoices)) errors.Add(("n", $"n: expected 1..{options.MaxChoices}, got {n}"));
        var stops = f.Stop?.Values ?? [];
        if (stops.Count > 4) errors.Add(("stop", $"stop: at most 4 sequences, got {stops.Count}"));
        if (stops.Any(string.IsNullOrEmpty)) errors.Add(("stop", "stop: sequences must be non-empty"));
        Unsupported("presence_penalty", f.PresencePenalty, errors);
        Unsupported("frequency_penalty", f.FrequencyPenalty, errors);
        // vLLM's conventions: top_k -1 or 0 = off.
        if (f.TopK is { } k && k < -1) errors.Add(("top_k", $"top_k: expected -1 (off) or >= 0, got {k}"));
        if (f.MinP is { } mp && !(mp >= 0 && mp <= 1)) errors.Add(("min_p", $"min_p: expected 0..1, got {mp}"));
        if (f.RepetitionPenalty is { } rp && !(rp > 0 && rp <= 10)) errors.Add(("repetition_penalty", $"repetition_penalty: expected a value in (0, 10], got {rp}"));
        if (f.LogitBias is { Count: > 0 }) errors.Add(("logit_bias", "logit_bias: not supported by this server (send {} or omit it)"));
        return new SamplingOptions
        {
            Temperature = f.Temperature ?? 1.0,
            TopP = f.TopP ?? 1.0,
            TopK = Math.Max(f.TopK ?? 0, 0),
            MinP = f.MinP ?? 0,
            RepetitionPenalty = f.RepetitionPenalty ?? 1.0,
            NumSamples = f.N ?? 1,
            StopStrings = stops,
        };
    }

    private static void Unsupported(string name, double? value, List<(string, string)> errors)
    {
        if (value is not { } v) return;
        if (!(v >= -2 && v <= 2)) errors.Add((name, $"{name}: expected -2..2, got {v}"));
        else if (v != 0) errors.Add((name, $"{name}: only 0 is supported by this server, got {v}"));
    }

    /// <summary>Prompt + completion must fit the context, as OpenAI words it.</summary>
    public static void Context(int promptTokens, int maxTokens, int context, string maxParam, List<(string Param, string Message)> errors)
    {
        if (promptTokens + maxTokens > context)
            errors.Add((maxParam, $"This model's maximum context length is {context} tokens. However, you requested " +
                $"{promptTokens + maxTokens} tokens ({promptTokens} in the prompt, {maxTokens} for the completion)."));
    }

    /// <summary>Throws one 400 naming every problem; param is the first problem's field.</summary>
    public static void ThrowIfAny(List<(string Param, string Message)> errors, string? code = null)
    {
        if (errors.Count == 0) return;
        throw ApiException.BadRequest(string.Join("; ", errors.Select(e => e.Message)), errors[0].Param, code);
    }
}
