using System.Text;
using Rait.Core;
using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>The Qwen3 template (no tools): ChatML without a default system, with thinking blocks.</summary>
/// <remarks>
/// Mirrors the shipped Jinja: an assistant turn after the last user query is written with a
/// <c>&lt;think&gt;\n…\n&lt;/think&gt;\n\n</c> block when it is the final message or carries reasoning; earlier assistant turns
/// lose their <c>&lt;think&gt;</c> part. With <see cref="EnableThinking"/> false the generation prompt ends with an empty
/// think block, so <c>Render(msgs[..^1], true)</c> is a prefix of <c>Render(msgs, false)</c>.
/// </remarks>
public sealed class Qwen3ChatTemplate(bool enableThinking = true) : IChatTemplate
{
    public string Name => "qwen3";
    public bool EnableThinking { get; } = enableThinking;
    public IReadOnlyList<string> StopTokens { get; } = ["<|im_end|>", "<|endoftext|>"];

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder();
        if (messages.Count > 0 && messages[0].Role == "system") ChatMlTemplate.Turn(sb, "system", messages[0].Content);
        int lastQuery = LastQueryIndex(messages);
        for (int i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            switch (m.Role)
            {
                case "user":
                    ChatMlTemplate.Turn(sb, m.Role, m.Content);
                    break;
                case "system":
                    if (i > 0) ChatMlTemplate.Turn(sb, m.Role, m.Content);
                    break;
                case "assistant":
                    Assistant(sb, m.Content, withThink: i > lastQuery, isLast: i == messages.Count - 1);
                    break;
                default:
                    throw new RaitException($"chat message role \"{m.Role}\": expected system, user or assistant (qwen3 template)");
            }
        }
        if (addGenerationPrompt)
        {
            sb.Append("<|im_start|>assistant\n");
            if (!EnableThinking) sb.Append("<think>\n\n</think>\n\n");
        }
        return sb.ToString();
    }

    private static int LastQueryIndex(IReadOnlyList<ChatMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            var c = messages[i].Content;
            if (messages[i].Role == "user" && !(c.StartsWith("<tool_response>", StringComparison.Ordinal) && c.EndsWith("</tool_response>", StringComparison.Ordinal)))
                return i;
        }
        return messages.Count - 1;
    }

    private static void Assistant(StringBuilder sb, string raw, bool withThink, bool isLast)
    {
        string content = raw, reasoning = "";
        int close = raw.IndexOf("</think>", StringComparison.Ordinal);
        if (close >= 0)
        {
            content = raw[(raw.LastIndexOf("</think>", StringComparison.Ordinal) + "</think>".Length)..].TrimStart('\n');
            var before = raw[..close].TrimEnd('\n');
            int open = before.LastIndexOf("<think>", StringComparison.Ordinal);
            reasoning = (open >= 0 ? before[(open + "<think>".Length)..] : before).TrimStart('\n');
        }
        sb.Append("<|im_start|>assistant\n");
        if (withThink && (isLast || reasoning.Length > 0))
            sb.Append("<think>\n").Append(reasoning.Trim('\n')).Append("\n</think>\n\n").Append(content.TrimStart('\n'));
        else
            sb.Append(content);
        sb.Append("<|im_end|>\n");
    }
}
