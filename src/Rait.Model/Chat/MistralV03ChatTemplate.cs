using System.Text;
using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>Mistral Instruct v0.3 (no tools): <c>&lt;s&gt;[INST] user[/INST] answer&lt;/s&gt;</c>.</summary>
/// <remarks>As the shipped template: no space before <c>[/INST]</c>, a space before each (trimmed) answer, and the system
/// text is written as <c>system\n\n</c> in front of a user turn only when that turn is the last message. A full
/// conversation that ends with the answer therefore carries no system text, unlike its prompt.</remarks>
public sealed class MistralV03ChatTemplate : IChatTemplate
{
    public static MistralV03ChatTemplate Instance { get; } = new();

    public string Name => "mistral-v0.3";
    public IReadOnlyList<string> StopTokens { get; } = ["</s>"];

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var (system, turns) = InstTurns.SplitSystem(messages);
        InstTurns.CheckAlternation(turns, Name, messages.Count - turns.Count);
        var sb = new StringBuilder("<s>");
        for (int i = 0; i < turns.Count; i++)
        {
            if (turns[i].Role == "assistant") { sb.Append(' ').Append(turns[i].Content.Trim()).Append("</s>"); continue; }
            sb.Append("[INST] ");
            if (i == turns.Count - 1 && system is not null) sb.Append(system).Append("\n\n");
            sb.Append(turns[i].Content).Append("[/INST]");
        }
        return sb.ToString();
    }
}
