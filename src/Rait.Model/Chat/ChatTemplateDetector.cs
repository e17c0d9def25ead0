using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rait.Core;

namespace Rait.Model.Chat;

/// <summary>Picks a built-in renderer by looking at a model's Jinja chat template.</summary>
/// <remarks>Rules as in the interop notes: <c>&lt;|im_start|&gt;</c> → ChatML (default system text taken from the template,
/// <c>enable_thinking</c> → Qwen3); <c>&lt;|start_header_id|&gt;</c> → Llama 3 (<c>Cutting Knowledge Date</c> → 3.1+);
/// <c>[INST]</c> with <c>&lt;&lt;SYS&gt;&gt;</c> → Llama 2; <c>[INST]</c> closed by a bare <c>"[/INST]"</c> → Mistral v0.3, else
/// v0.1/v0.2; <c>&lt;start_of_turn&gt;</c> → Gemma (<c>first_user_prefix</c> → Gemma 3). Anything else fails loudly.</remarks>
public static partial class ChatTemplateDetector
{
    /// <summary>Names of the renderers a template can be matched to, for error messages and docs.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "chatml", "qwen2", "qwen2.5", "smollm2", "qwen3", "llama2", "llama3", "llama3.1",
        "mistral-v0.1", "mistral-v0.2", "mistral-v0.3", "gemma", "gemma3",
    ];

    /// <summary>Reads <c>chat_template.jinja</c>, else tokenizer_config.json's <c>chat_template</c> (a string, or a list of
    /// <c>{name, template}</c> of which "default" is used); null when the model has none.</summary>
    /// <param name="modelDir">Model folder.</param>
    /// <param name="options">Thinking and date switches; default thinking off, today's date.</param>
    /// <exception cref="RaitException">Malformed config, or a template no built-in renderer matches.</exception>
    public static IChatTemplate? Detect(string modelDir, ChatTemplateOptions? options = null)
    {
        var (template, source) = ReadTemplate(modelDir);
        return template is null ? null : FromTemplate(template, source, options);
    }

    /// <summary>Chooses the renderer for a template text; <paramref name="source"/> names it in errors.</summary>
    public static IChatTemplate FromTemplate(string template, string source, ChatTemplateOptions? options = null)
    {
        options ??= ChatTemplateOptions.Default;
        if (template.Contains("<|im_start|>"))
        {
            if (template.Contains("enable_thinking")) return new Qwen3ChatTemplate(options.Thinking);
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
            return template.Contains("Cutting Knowledge Date") ? Llama3ChatTemplate.V31(options.DateString) : Llama3ChatTemplate.V30;
        if (template.Contains("<start_of_turn>"))
            return template.Contains("first_user_prefix") ? GemmaChatTemplate.V3 : GemmaChatTemplate.V2;
        if (template.Contains("[INST]"))
        {
            if (template.Contains("<<SYS>>")) return Llama2ChatTemplate.Instance;
            if (template.Contains("[SYSTEM_PROMPT]"))
                throw Unsupported(template, source, "a Mistral template with [SYSTEM_PROMPT] (Mistral Small 3 / Tekken v7+)");
            if (BareInstCloseRegex().IsMatch(template)) return MistralV03ChatTemplate.Instance;
            if (template.Contains("system_message"))
                throw Unsupported(template, source, "a Mistral v0.1/v0.2-style template with system-message handling");
            return EosThenSpaceRegex().IsMatch(template) ? MistralChatTemplate.V01 : MistralChatTemplate.V02;
        }
        throw Unsupported(template, source, "an unknown template");
    }

    private static RaitException Unsupported(string template, string source, string what)
    {
        var head = template.Length > 80 ? template[..80] + "…" : template;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template)))[..12];
        return new RaitException($"{source}: chat_template: {what} is not supported (sha256 {hash}, starting \"{head}\"); "
            + $"supported: {string.Join(", ", Supported)}");
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

    // v0.3 closes a user turn with "[/INST]" right after the content; v0.1/v0.2 write ' [/INST]'.
    [GeneratedRegex(@"[""']\[/INST\]")]
    private static partial Regex BareInstCloseRegex();

    [GeneratedRegex(@"eos_token\s*\+\s*(?:' '|"" "")")]
    private static partial Regex EosThenSpaceRegex();
}
