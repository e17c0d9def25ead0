using System.Text;
using Rait.Core;
using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>Mistral Instruct v0.1/v0.2: <c>&lt;s&gt;[INST] u [/INST]a&lt;/s&gt;</c>, strict user/assistant alternation, no system role.</summary>
/// <remarks>v0.1 writes a space after each <c>&lt;/s&gt;</c>. There is no separate generation prompt: a prompt ends at
/// <c>[/INST]</c>, so add_generation_prompt changes nothing (as in the shipped template).</remarks>
public sealed class MistralChatTemplate : IChatTemplate
{
    private readonly bool _spaceAfterEos;

    private MistralChatTemplate(string name, bool spaceAfterEos) { Name = name; _spaceAfterEos = spaceAfterEos; }

    public static MistralChatTemplate V01 { get; } = new("mistral-v0.1", true);
    public static MistralChatTemplate V02 { get; } = new("mistral-v0.2", false);

    public string Name { get; }
    public IReadOnlyList<string> StopTokens { get; } = ["</s>"];

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder("<s>");
        for (int i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m.Role == "system")
                throw new RaitException($"chat message {i}: role \"system\" is not supported by the {Name} template (it has no system role); fold the instruction into the first user message");
        }
        InstTurns.CheckAlternation(messages, Name, 0);
        for (int i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m.Role == "user") sb.Append("[INST] ").Append(m.Content).Append(" [/INST]");
            else sb.Append(m.Content).Append("</s>").Append(_spaceAfterEos ? " " : "");
        }
        return sb.ToString();
    }
}
