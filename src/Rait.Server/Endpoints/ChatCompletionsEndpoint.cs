using Microsoft.AspNetCore.Http;
using Rait.Core;
using Rait.Core.Records;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary><c>POST /v1/chat/completions</c>: messages through the chat template, n choices, log-probs, SSE streaming.</summary>
internal static class ChatCompletionsEndpoint
{
    private static readonly HashSet<string> Roles = ["system", "user", "assistant"];

    public static async Task HandleAsync(HttpContext ctx, IChatBackend backend, ServeOptions options)
    {
        var req = await RequestBody.ReadAsync<ChatCompletionRequest>(ctx, options.MaxBodyBytes);
        RequestChecks.Model(req.Model, backend);
        var errors = new List<(string Param, string Message)>();
        var messages = Messages(req.Messages, errors);
        var sampling = RequestChecks.Sampling(new RequestChecks.SamplingFields(req.Temperature, req.TopP, req.N, req.Stop,
            req.PresencePenalty, req.FrequencyPenalty, req.LogitBias, req.TopK, req.MinP, req.RepetitionPenalty), options, errors);
        Refuse("tools", req.Tools, errors);
        Refuse("tool_choice", req.ToolChoice, errors);
        Refuse("functions", req.Functions, errors);
        Refuse("function_call", req.FunctionCall, errors);
        if (req.TopLogprobs is { } k && (k < 0 || k > 20)) errors.Add(("top_logprobs", $"top_logprobs: expected 0..20, got {k}"));
        if (req.TopLogprobs is not null && req.Logprobs != true) errors.Add(("top_logprobs", "top_logprobs: requires logprobs to be true"));
        if (req.StreamOptions is not null && req.Stream != true) errors.Add(("stream_options", "stream_options: only allowed when stream is true"));
        if (req.ResponseFormat?.Type is { } format && format != "text")
            errors.Add(("response_format", $"response_format: only \"text\" is supported, got \"{format}\""));
        int? max = req.MaxCompletionTokens ?? req.MaxTokens;
        string maxParam = req.MaxCompletionTokens is not null ? "max_completion_tokens" : "max_tokens";
        if (max is < 1) errors.Add((maxParam, $"{maxParam}: expected >= 1, got {max}"));
        RequestChecks.ThrowIfAny(errors);

        IReadOnlyList<int> prompt;
        try { prompt = backend.EncodeChat(messages); }
        catch (RaitException e) { throw ApiException.BadRequest(e.Message, "messages"); }
        // Without max_tokens (openai-python and LangChain send none) a completion may not run to the end of a long context:
        // the server's default bounds it, and with it the KV cache one request can claim.
        int maxTokens = max ?? Math.Min(options.DefaultMaxTokens, backend.ContextLength - prompt.Count);
        RequestChecks.Context(prompt.Count, Math.Max(maxTokens, 1), backend.ContextLength, max is null ? "messages" : maxParam, errors);
        RequestChecks.ThrowIfAny(errors, "context_length_exceeded");

        var request = new GenerationRequest([prompt], sampling with { MaxNewTokens = maxTokens }, req.Seed,
            new LogprobRequest(req.Logprobs == true, req.TopLogprobs ?? 0, Prompt: false));
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        if (req.Stream == true)
        {
            bool includeUsage = req.StreamOptions?.IncludeUsage == true;
            await ChatStream.WriteLiveAsync(ctx, backend, request, id, includeUsage);
            return;
        }
        var choices = await backend.GenerateAsync(request, ctx.RequestAborted);
        await ApiResults.WriteJsonAsync(ctx, new ChatCompletionResponse(id, ApiResults.UnixNow(), backend.ModelId,
            choices.Select((c, i) => new ChatChoice(i, new AssistantMessage(c.Text), req.Logprobs == true ? Logprobs(c.CompletionLogprobs!) : null,
                ApiResults.FinishReason(c.Finish))).ToList(), ApiResults.Usage(request, choices), "rait-" + backend.Fingerprint));
    }

    /// <summary>Fields that would change the answer if ignored (tool calling) get a 400 naming them; JSON null is as omitted.</summary>
    private static void Refuse(string name, System.Text.Json.JsonElement? value, List<(string Param, string Message)> errors)
    {
        if (value is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            errors.Add((name, $"{name}: tool and function calling are not supported by this server (omit {name})"));
    }

    private static List<ChatMessage> Messages(IReadOnlyList<ChatMessageDto>? dtos, List<(string Param, string Message)> errors)
    {
        if (dtos is null || dtos.Count == 0)
        {
            errors.Add(("messages", "messages: required, a non-empty array"));
            return [];
        }
        var result = new List<ChatMessage>();
        for (int i = 0; i < dtos.Count; i++)
        {
            var m = dtos[i];
            if (m is null) { errors.Add(($"messages[{i}]", $"messages[{i}]: expected an object")); continue; }
            // "developer" is OpenAI's newer name for the system role.
            var role = m.Role == "developer" ? "system" : m.Role;
            if (role is null || !Roles.Contains(role))
                errors.Add(($"messages[{i}].role", $"messages[{i}].role: expected system, user or assistant, got {(m.Role is null ? "nothing" : $"\"{m.Role}\"")}"));
            if (m.Content is null) errors.Add(($"messages[{i}].content", $"messages[{i}].content: required"));
            if (role is not null && m.Content is not null) result.Add(new ChatMessage(role, m.Content.Text));
        }
        return result;
    }

    public static ChatLogprobs Logprobs(IEnumerable<TokenLogprobInfo> tokens) =>
        new(tokens.Select(t => new TokenLogprob(t.Token, t.Logprob ?? 0, ApiResults.Utf8(t.Token),
            t.Top.Select(a => new TopLogprob(a.Token, a.Logprob, ApiResults.Utf8(a.Token))).ToList())).ToList());
}
