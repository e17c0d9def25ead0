using System.Text;
using Rait.Core.Records;

namespace Rait.Probing.Prompts;

/// <summary>Renders the knowledge-query prompts of CRaFT §2.2 (open-ended) and §2.3 (multiple choice).</summary>
public sealed class ProbePrompts(ProbeConfig config)
{
    public const string BasicTemplate = "Answer the following question as simple as possible.\nQuestion: {question}\nAnswer:";
    public const string RefuseTemplate = "Answer the following question, and if you don't know the answer, only reply with 'I don't know': {question}";

    /// <summary>The user turn for one question (context, when the item has one, goes first).</summary>
    public string UserTurn(string question, string? context = null)
    {
        var template = config.Prompt switch
        {
            PromptStyle.Basic => BasicTemplate,
            PromptStyle.Refuse => RefuseTemplate,
            _ => config.CustomTemplate!,
        };
        var turn = template.Replace("{question}", question, StringComparison.Ordinal);
        return string.IsNullOrEmpty(context) ? turn : $"Context: {context}\n{turn}";
    }

    /// <summary>Multi-turn chat: optional system turn, one user/assistant pair per few-shot example, then the question.</summary>
    public IReadOnlyList<ChatMessage> Messages(QaItem item)
    {
        var m = new List<ChatMessage>();
        if (!string.IsNullOrEmpty(config.System)) m.Add(ChatMessage.System(config.System));
        foreach (var shot in config.FewShot)
        {
            m.Add(ChatMessage.User(UserTurn(shot.Question)));
            m.Add(ChatMessage.Assistant(shot.Answer));
        }
        m.Add(ChatMessage.User(UserTurn(item.Question, item.Context)));
        return m;
    }

    /// <summary>The same conversation as plain text for models without a chat template:
    /// each example is its user turn, a space, the answer and a newline.</summary>
    public string PlainText(QaItem item)
    {
        var sb = new StringBuilder();
        foreach (var shot in config.FewShot) sb.Append(UserTurn(shot.Question)).Append(' ').Append(shot.Answer).Append('\n');
        return sb.Append(UserTurn(item.Question, item.Context)).ToString();
    }

    /// <summary>
    /// CRaFT's MMLU prompt: the BASIC hint directly followed (no separator, as in the original) by the
    /// solved examples and the question, ending in "Answer:"; the next token is the option letter.
    /// </summary>
    public string MultipleChoice(McItem item)
    {
        var labels = item.Options.Select(o => o.Label).ToList();
        var letters = labels.Count == 1 ? labels[0] : string.Join(", ", labels.Take(labels.Count - 1)) + " or " + labels[^1];
        var task = item.Meta.Subject?.Replace('_', ' ') ?? "STEM";
        var sb = new StringBuilder($"There is a single choice question about {task}. Answer the question by replying {letters}.");
        foreach (var shot in config.McFewShot) AppendQuestion(sb, shot).Append(' ').Append(shot.Target).Append('\n');
        return AppendQuestion(sb, item).ToString();
    }

    private static StringBuilder AppendQuestion(StringBuilder sb, McItem item)
    {
        sb.Append("Question: ").Append(item.Question).Append('\n');
        foreach (var o in item.Options) sb.Append(o.Label).Append(". ").Append(o.Text).Append('\n');
        return sb.Append("Answer:");
    }
}
