using System.Text;
using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>Llama 2 chat: <c>&lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;\nsys\n&lt;&lt;/SYS&gt;&gt;\n\nuser [/INST] answer &lt;/s&gt;</c>.</summary>
/// <remarks>As the shipped template: the system text goes into the first user turn, every user turn starts with BOS,
/// turns are stripped, and a prompt ends at <c>[/INST]</c> (no separate generation prompt).</remarks>
public sealed class Llama2ChatTemplate : IChatTemplate
{
    public static Llama2ChatTemplate Instance { get; } = new();

    public string Name => "llama2";
    public IReadOnlyList<string> StopTokens { get; } = ["</s>"];

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var (system, turns) = InstTurns.SplitSystem(messages);
        InstTurns.CheckAlternation(turns, Name, messages.Count - turns.Count);
        var sb = new StringBuilder();
        for (int i = 0; i < turns.Count; i++)
        {
            var content = i == 0 && system is not null ? $"<<SYS>>\n{system}\n<</SYS>>\n\n{turns[i].Content}" : turns[i].Content;
            if (turns[i].Role == "user") sb.Append("<s>[INST] ").Append(content.Trim()).Append(" [/INST]");
            else sb.Append(' ').Append(content.Trim()).Append(" </s>");
        }
        return sb.ToString();
    }
}
