using System.Text.Json;
using System.Text.RegularExpressions;
using Rait.Core;

namespace Rait.Model.Chat;

/// <summary>Picks a built-in renderer by looking at a model's Jinja chat template.</summary>
/// <remarks>Rules as in the interop notes: <c>&lt;|im_start|&gt;</c> → ChatML (default system text taken from the template,
/// <c>enable_thinking</c> → Qwen3); <c>&lt;|start_header_id|&gt;</c> → Llama 3 (<c>Cutting Knowledge Date</c> → 3.1+);
/// <c>[INST]</c> → Mistral v0.1/v0.2. Anything else fails loudly.</remarks>
public static partial class ChatTemplateDetector
{
    /// <summary>Reads <c>chat_template.jinja</c>, else tokenizer_config.json's <c>chat_template</c> (a string, or a list of
    /// <c>{name, template}</c> of which "default" is used); null when the model has none.</summary>
    /// <param name="modelDir">Model folder.</param>
    /// <param name="enableThinking">Qwen3's <c>enable_thinking</c> (true is the template's default).</param>
    /// <exception cref="RaitException">Malformed config, or a template no built-in renderer matches.</exception>
    public static IChatTemplate? Detect(string modelDir, bool enableThinking = true)
    {
        var (template, source) = ReadTemplate(modelDir);
        return template is null ? null : FromTemplate(template, source, enableThinking);
    }

    /// <summary>Chooses the renderer for a template text; <paramref name="source"/> names it in errors.</summary>
    public static IChatTemplate FromTemplate(string template, string source, bool enableThinking = true)
    {
        if (template.Contains("<|im_start|>"))
        {
            if (template.Contains("enable_thinking")) return new Qwen3ChatTemplate(enableThinking);
            var m = DefaultSystemRegex().Match(template);
            if (!m.Success) return ChatMlTemplate.Plain;
            var system = m.Groups[1].Value;
            return system switch
            {
                ChatMlTemplate.Qwen25System => ChatMlTemplate.Qwen25,
                ChatMlTemplate.Qwen2System => ChatMlTemplate.Qwen2,
                ChatMlTemplate.SmolLm2System => ChatMlTemplate.SmolLm2,
                _ => new ChatMlTemplate("chatml", system),
            };
        }
        if (template.Contains("<|start_header_id|>"))
            return template.Contains("Cutting Knowledge Date") ? Llama3ChatTemplate.V31() : Llama3ChatTemplate.V30;
        if (template.Contains("[INST]"))
        {
            if (template.Contains("<<SYS>>"))
                throw new RaitException($"{source}: chat_template: the Llama 2 format (<<SYS>>) is not supported; expected ChatML, Llama 3 or Mistral v0.1/v0.2");
            if (template.Contains("[SYSTEM_PROMPT]") || template.Contains("[AVAILABLE_TOOLS]") || template.Contains("system_message"))
                throw new RaitException($"{source}: chat_template: a Mistral v0.3+ template (system or tool handling) is not supported; expected Mistral v0.1/v0.2");
            return EosThenSpaceRegex().IsMatch(template) ? MistralChatTemplate.V01 : MistralChatTemplate.V02;
        }
        var head = template.Length > 80 ? template[..80] + "…" : template;
        throw new RaitException($"{source}: chat_template: expected a ChatML, Llama 3 or Mistral template, got one starting \"{head}\"");
    }

    private static (string? Template, string Source) ReadTemplate(string modelDir)
    {
        var jinja = Path.Combine(modelDir, "chat_template.jinja");
        if (File.Exists(jinja)) return (File.ReadAllText(jinja), jinja);
        var config = Path.Combine(modelDir, "tokenizer_config.json");
        if (!File.Exists(config)) return (null, config);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(config)); }
        catch (JsonException ex) { throw new RaitException($"{config}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("chat_template", out var t)
                || t.ValueKind == JsonValueKind.Null)
                return (null, config);
            if (t.ValueKind == JsonValueKind.String) return (t.GetString(), config);
            if (t.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in t.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var n) && n.ValueEquals("default")
                        && item.TryGetProperty("template", out var body) && body.ValueKind == JsonValueKind.String)
                        return (body.GetString(), config);
                throw new RaitException($"{config}: chat_template: expected a list entry {{\"name\": \"default\", \"template\": ...}}");
            }
            throw new RaitException($"{config}: chat_template: expected a string or a list of {{name, template}}, got {t.ValueKind}");
        }
    }

    // '<|im_start|>system\n' + literal default text + '<|im_end|>' (the \n may be a Jinja escape or a real newline).
    [GeneratedRegex(@"<\|im_start\|>system(?:\\n|\n)([^'""<\\]+)<\|im_end\|>")]
    private static partial Regex DefaultSystemRegex();

    [GeneratedRegex(@"eos_token\s*\+\s*(?:' '|"" "")")]
    private static partial Regex EosThenSpaceRegex();
}
