using System.Text;
using Rait.Core;
using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>Gemma: <c>&lt;bos&gt;&lt;start_of_turn&gt;user\n…&lt;end_of_turn&gt;\n&lt;start_of_turn&gt;model\n…</c>, turns trimmed.</summary>
/// <remarks>Gemma 3's template writes a system message as <c>system\n\n</c> at the start of the first user turn; Gemma 1/2's
/// template rejects a system message, and so does this renderer for them.</remarks>
public sealed class GemmaChatTemplate : IChatTemplate
{
    private readonly bool _foldsSystem;

    private GemmaChatTemplate(string name, bool foldsSystem) { Name = name; _foldsSystem = foldsSystem; }

    /// <summary>Gemma 1 and 2 (no system role).</summary>
    public static GemmaChatTemplate V2 { get; } = new("gemma", false);
    /// <summary>Gemma 3 (system folded into the first user turn).</summary>
    public static GemmaChatTemplate V3 { get; } = new("gemma3", true);

    public string Name { get; }
    public IReadOnlyList<string> StopTokens { get; } = ["<end_of_turn>", "<eos>"];

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var (system, turns) = InstTurns.SplitSystem(messages);
        if (system is not null && !_foldsSystem)
            throw new RaitException($"chat message 0: role \"system\" is not supported by the {Name} template (Gemma 1/2 have no system role); fold the instruction into the first user message");
        InstTurns.CheckAlternation(turns, Name, messages.Count - turns.Count);
        var sb = new StringBuilder("<bos>");
        for (int i = 0; i < turns.Count; i++)
        {
            sb.Append("<start_of_turn>").Append(turns[i].Role == "assistant" ? "model" : "user").Append('\n');
            if (i == 0 && system is not null) sb.Append(system).Append("\n\n");
            sb.Append(turns[i].Content.Trim()).Append("<end_of_turn>\n");
        }
        if (addGenerationPrompt) sb.Append("<start_of_turn>model\n");
        return sb.ToString();
    }
}
