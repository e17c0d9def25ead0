using Rait.Core;
using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>Turn rules shared by the <c>[INST]</c> and Gemma families: an optional leading system message, then
/// strictly alternating user/assistant turns starting with user.</summary>
internal static class InstTurns
{
    /// <summary>The leading system text (null when there is none) and the remaining turns.</summary>
    public static (string? System, IReadOnlyList<ChatMessage> Turns) SplitSystem(IReadOnlyList<ChatMessage> messages) =>
        messages.Count > 0 && messages[0].Role == "system" ? (messages[0].Content, messages.Skip(1).ToList()) : (null, messages);

    /// <param name="offset">Index of <paramref name="turns"/>[0] in the caller's message list, for the error.</param>
    /// <exception cref="RaitException">A turn out of order or a role other than user/assistant.</exception>
    public static void CheckAlternation(IReadOnlyList<ChatMessage> turns, string template, int offset)
    {
        for (int i = 0; i < turns.Count; i++)
        {
            var expected = i % 2 == 0 ? "user" : "assistant";
            if (turns[i].Role != expected)
                throw new RaitException($"chat message {i + offset}: role \"{turns[i].Role}\": expected {expected} ({template} needs an optional system message, then strictly alternating user/assistant turns starting with user)");
        }
    }
}
