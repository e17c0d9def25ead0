using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary><c>POST /v1/completions</c>: raw-text prompts, echo and legacy log-probs (what prompt scoring needs, interop §7.3).</summary>
internal static class CompletionsEndpoint
{
    private const int MaxLogprobs = 5;

    public static async Task HandleAsync(HttpContext ctx, IChatBackend backend, ServeOptions options)
    {
        var req = await RequestBody.ReadAsync<CompletionRequest>(ctx, options.MaxBodyBytes);
        RequestChecks.Model(req.Model, backend);
        var errors = new List<(string Param, string Message)>();
        var sampling = RequestChecks.Sampling(new RequestChecks.SamplingFields(req.Temperature, req.TopP, req.N, req.Stop,
            req.PresencePenalty, req.FrequencyPenalty, req.LogitBias, req.TopK, req.MinP, req.RepetitionPenalty), options, errors);
        bool echo = req.Echo == true;
        int maxTokens = req.MaxTokens ?? 16;
        if (maxTokens < 0 || (maxTokens == 0 && !echo)) errors.Add(("max_tokens", $"max_tokens: expected >= 1 (0 only with echo), got {maxTokens}"));
        if (req.Logprobs is { } k && (k < 0 || k > MaxLogprobs)) errors.Add(("logprobs", $"logprobs: expected 0..{MaxLogprobs}, got {k}"));
        if (!string.IsNullOrEmpty(req.Suffix)) errors.Add(("suffix", "suffix: not supported by this server"));
        if (req.BestOf is { } best && best != (req.N ?? 1)) errors.Add(("best_of", "best_of: only best_of = n is supported"));
        if (req.StreamOptions is not null && req.Stream != true) errors.Add(("stream_options", "stream_options: only allowed when stream is true"));
        // Prompt log-probs come from scoring the prompt, which a stream would have to send before the echo: not served.
        if (req.Stream == true && req.Logprobs is not null && echo) errors.Add(("logprobs", "logprobs: not supported together with stream and echo on /v1/completions"));
        var prompts = Prompts(req.Prompt, backend, options, errors);
        RequestChecks.ThrowIfAny(errors);
        for (int i = 0; i < prompts.Count; i++)
            RequestChecks.Context(prompts[i].Count, maxTokens, backend.ContextLength, "max_tokens", errors);
        RequestChecks.ThrowIfAny(errors, "context_length_exceeded");

        var wants = req.Logprobs is { } top ? new LogprobRequest(true, top, Prompt: echo) : LogprobRequest.None;
        var request = new GenerationRequest(prompts, sampling with { MaxNewTokens = maxTokens }, req.Seed, wants);
        var promptTexts = req.Prompt!.Texts ?? prompts.Select(backend.Decode).ToList();
        var id = "cmpl-" + Guid.NewGuid().ToString("N");
        if (req.Stream == true)
        {
            await CompletionStream.WriteLiveAsync(ctx, backend, request, id, echo ? promptTexts : null, req.StreamOptions?.IncludeUsage == true);
            return;
        }
        var choices = await backend.GenerateAsync(request, ctx.RequestAborted);
        var usage = ApiResults.Usage(request, choices);
        int n = sampling.NumSamples;
        var rendered = choices.Select(c => new CompletionChoice(
            (echo ? promptTexts[c.PromptIndex] : "") + c.Text, c.PromptIndex * n + c.SampleIndex,
            req.Logprobs is null ? null : CompletionLogprobsBuilder.Build(backend, prompts[c.PromptIndex], echo ? promptTexts[c.PromptIndex] : null, c),
            ApiResults.FinishReason(c.Finish))).OrderBy(c => c.Index).ToList();
        await ApiResults.WriteJsonAsync(ctx, new CompletionResponse(id, ApiResults.UnixNow(), backend.ModelId, rendered, usage));
    }

    private static List<IReadOnlyList<int>> Prompts(PromptInput? input, IChatBackend backend, ServeOptions options, List<(string, string)> errors)
    {
        if (input is null || input.Count == 0)
        {
            errors.Add(("prompt", "prompt: required, a string, an array of strings or token ids"));
            return [];
        }
        if (input.Count > options.MaxPrompts)
        {
            errors.Add(("prompt", $"prompt: at most {options.MaxPrompts} prompts per request, got {input.Count}"));
            return [];
        }
        var prompts = input.TokenIds?.ToList() ?? input.Texts!.Select(backend.EncodeText).ToList();
        for (int i = 0; i < prompts.Count; i++)
        {
            if (prompts[i].Count == 0) errors.Add(("prompt", $"prompt[{i}]: empty prompt (it must give at least one token)"));
            var outside = prompts[i].Where(id => id < 0 || id >= backend.VocabSize).Take(1).ToList();
            if (outside.Count > 0) errors.Add(("prompt", $"prompt[{i}]: token id {outside[0]} outside the vocabulary 0..{backend.VocabSize - 1}"));
        }
        return prompts;
    }
}
