using Rait.Core;
using Rait.Core.Records;
using Rait.Methods.Options;

namespace Rait.Methods.Common;

/// <summary>Builds user turns and targets from probe rows (CRaFT spec §1.6, §2.6; R-Tuning §1.1).</summary>
public static class Prompts
{
    /// <summary>CRaFT REFUSE1 prefix for open questions.</summary>
    public const string OpenRefuseHint = "Answer the following question, and if you don't know the answer, only reply with 'I don't know': ";

    /// <summary>The user-turn text for <paramref name="r"/> under <paramref name="o"/>.</summary>
    public static string UserTurn(ProbeRecord r, PromptOptions o) => r.Kind switch
    {
        QuestionKind.Open => o.Style switch
        {
            PromptStyle.Basic => r.Question,
            PromptStyle.Refuse => OpenRefuseHint + r.Question,
            PromptStyle.RTuning => $"Question: {r.Question} Answer:",
            PromptStyle.Custom => o.OpenTemplate!.Replace("{question}", r.Question, StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Style, null),
        },
        QuestionKind.MultipleChoice => McTurn(r, o),
        _ => throw new ArgumentOutOfRangeException(nameof(r), r.Kind, null),
    };

    private static string McTurn(ProbeRecord r, PromptOptions o)
    {
        if (r.Options.Count < 2) throw new RaitException($"row id {r.Id}: a multiple-choice row needs at least 2 options, got {r.Options.Count}.");
        string task = string.IsNullOrWhiteSpace(r.Meta.Subject) ? o.McDefaultTask : r.Meta.Subject.Replace('_', ' ');
        string choices = string.Join("\n", r.Options.Select(x => $"{x.Label}. {x.Text}"));
        var labels = r.Options.Select(x => x.Label).ToList();
        string lettersOr = string.Join(", ", labels.Take(labels.Count - 1)) + " or " + labels[^1];      // "A, B, C or D"
        string lettersOxford = string.Join(", ", labels.Take(labels.Count - 1)) + ", or " + labels[^1]; // "A, B, C, or D"
        return o.Style switch
        {
            PromptStyle.Basic => $"There is a single choice question about {task}. Answer the question by replying {lettersOr}.\nQuestion: {r.Question}\n{choices}\nAnswer: ",
            PromptStyle.Refuse => $"There is a single choice question about {task}. If you know the answer, please directly respond with the correct answer {lettersOxford}. If you do not know the answer, please respond with \"I don't know.\".\nQuestion: {r.Question}\n{choices}\nAnswer: ",
            PromptStyle.RTuning => $"The following are multiple choice questions (with answers) about {task}.\n\n{r.Question}\n{choices}\nAnswer:",
            PromptStyle.Custom => o.McTemplate!.Replace("{question}", r.Question, StringComparison.Ordinal)
                .Replace("{task}", task, StringComparison.Ordinal).Replace("{choices}", choices, StringComparison.Ordinal)
                .Replace("{letters}", lettersOr, StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Style, null),
        };
    }

    /// <summary>The original (gold) target: the first answer alias, or the MC letter in the configured style.</summary>
    /// <exception cref="RaitException">No answer (open) or no/unknown target label (MC).</exception>
    public static string GoldTarget(ProbeRecord r, PromptOptions o, string source)
    {
        if (r.Kind == QuestionKind.Open)
        {
            if (r.Answers.Count == 0 || string.IsNullOrWhiteSpace(r.Answers[0]))
                throw new RaitException($"{source}: row id {r.Id}: field 'answers' is empty; a kept row needs a gold answer.");
            return r.Answers[0];
        }
        if (string.IsNullOrEmpty(r.Target)) throw new RaitException($"{source}: row id {r.Id}: missing field 'target' for a multiple-choice row.");
        var option = r.Options.FirstOrDefault(x => x.Label == r.Target)
            ?? throw new RaitException($"{source}: row id {r.Id}: target '{r.Target}' is not one of the option labels {string.Join(",", r.Options.Select(x => x.Label))}.");
        return o.McTarget switch
        {
            McTargetStyle.Letter => option.Label,
            McTargetStyle.LetterNewline => option.Label + "\n",
            McTargetStyle.LetterAndText => $"{option.Label}. {option.Text}",
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.McTarget, null),
        };
    }

    /// <summary>The refusal target for the row's kind.</summary>
    public static string Refusal(ProbeRecord r, PromptOptions o) => r.Kind == QuestionKind.MultipleChoice ? o.McRefusal : o.OpenRefusal;
}
