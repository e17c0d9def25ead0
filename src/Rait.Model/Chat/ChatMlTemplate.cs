using System.Text;
using Rait.Core;
using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>ChatML as in the Qwen2, Qwen2.5 and SmolLM2 templates: <c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c>.</summary>
/// <remarks>When the conversation does not start with a system message, <see cref="DefaultSystem"/> (if any) is injected,
/// as the shipped templates do. Qwen3 has its own renderer (<see cref="Qwen3ChatTemplate"/>).</remarks>
public sealed class ChatMlTemplate(string name, string? defaultSystem) : IChatTemplate
{
    public const string Qwen2System = "You are a helpful assistant.";
    public const string Qwen25System = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    public const string SmolLm2System = "You are a helpful AI assistant named SmolLM, trained by Hugging Face";

    public static ChatMlTemplate Qwen2 { get; } = new("qwen2", Qwen2System);
    public static ChatMlTemplate Qwen25 { get; } = new("qwen2.5", Qwen25System);
    public static ChatMlTemplate SmolLm2 { get; } = new("smollm2", SmolLm2System);
    public static ChatMlTemplate Plain { get; } = new("chatml", null);

    public string Name { get; } = name;
    public string? DefaultSystem { get; } = defaultSystem;
    public IReadOnlyList<string> StopTokens { get; } = ["<|im_end|>", "<|endoftext|>"];

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder();
        if (DefaultSystem is not null && messages.Count > 0 && messages[0].Role != "system")
            Turn(sb, "system", DefaultSystem);
        foreach (var m in messages)
        {
            if (m.Role is not ("system" or "user" or "assistant"))
                throw new RaitException($"chat message role \"{m.Role}\": expected system, user or assistant ({Name} template)");
            Turn(sb, m.Role, m.Content);
        }
        if (addGenerationPrompt) sb.Append("<|im_start|>assistant\n");
        return sb.ToString();
    }

    internal static void Turn(StringBuilder sb, string role, string content) =>
        sb.Append("<|im_start|>").Append(role).Append('\n').Append(content).Append("<|im_end|>\n");
}
