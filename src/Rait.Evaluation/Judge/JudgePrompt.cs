using Rait.Core.Records;

namespace Rait.Evaluation.Judge;

/// <summary>
/// The judge's prompt: a system turn with the rules and a user turn with question, gold answers and model answer.
/// The judge must reply with exactly one word, CORRECT, WRONG or REFUSED (see <see cref="JudgeReplyParser"/>).
/// </summary>
/// <remarks>
/// The three labels mirror <see cref="Outcome"/> so that agreement with the rule-based classifier is a like-for-like
/// comparison. As in the rule-based classifier, a refusal wins over a named answer (CRaFT §1.2), and an unanswerable
/// question (no gold answers) can only be refused or wrong.
/// </remarks>
public static class JudgePrompt
{
    /// <summary>The rules, sent as the system turn. Changing this text changes the measurement: keep it versioned with the results.</summary>
    public const string Rules =
        "You grade answers to trivia questions. Read the question, the accepted gold answers and the model's answer, then reply "
        + "with exactly one word and nothing else:\n"
        + "CORRECT - the model's answer gives one of the gold answers (or an obvious equivalent: another spelling, a full name "
        + "for a surname, a number written out).\n"
        + "WRONG - the model's answer gives a different answer, several conflicting answers, or nothing relevant.\n"
        + "REFUSED - the model's answer declines to answer or says it does not know, even if it also guesses.\n"
        + "If the gold answers say \"(none: the question cannot be answered)\", the answer is REFUSED when it declines and "
        + "WRONG otherwise.";

    /// <summary>Marks an unanswerable question in the user turn.</summary>
    public const string NoGold = "(none: the question cannot be answered)";

    /// <summary>The chat messages for one item.</summary>
    public static IReadOnlyList<ChatMessage> Messages(JudgeItem item) =>
    [
        ChatMessage.System(Rules),
        ChatMessage.User(
            $"Question: {item.Question}\n"
            + $"Gold answers: {(item.GoldAnswers.Count == 0 ? NoGold : string.Join(" | ", item.GoldAnswers))}\n"
            + $"Model answer: {item.ModelAnswer}\n"
            + "Verdict (CORRECT, WRONG or REFUSED):"),
    ];
}
