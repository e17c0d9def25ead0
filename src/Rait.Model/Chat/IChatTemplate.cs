using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>A built-in renderer for one chat-template family (no Jinja engine is involved).</summary>
public interface IChatTemplate
{
    /// <summary>Family name, e.g. "qwen2.5", "qwen3", "llama3.1", "mistral-v0.2".</summary>
    string Name { get; }

    /// <summary>Renders messages exactly as HF <c>apply_chat_template(messages, tokenize=False, add_generation_prompt=...)</c>.
    /// The text already holds BOS where the family uses one: encode it without auto-BOS.</summary>
    /// <exception cref="Rait.Core.RaitException">A role the family does not support, or a broken turn order.</exception>
    string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt);

    /// <summary>End-of-turn token strings, e.g. "&lt;|im_end|&gt;", "&lt;|eot_id|&gt;".</summary>
    IReadOnlyList<string> StopTokens { get; }

    /// <summary>The answer in a completion generated after <see cref="Render"/>'s prompt: any reasoning block
    /// (<c>&lt;think&gt;…&lt;/think&gt;</c>) removed, see <see cref="ThinkingBlock.Strip"/>.</summary>
    string ParseAnswer(string completion) => ThinkingBlock.Strip(completion);
}
