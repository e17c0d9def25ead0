namespace Rait.Methods.RTuning;

/// <summary>The fixed texts of R-Tuning (rtuning-and-peers.md §1.2, §1.4).</summary>
public static class RTuningTexts
{
    /// <summary>The certainty question appended after the answer.</summary>
    public const string SureQuestion = "Are you sure you accurately answered the question based on your internal knowledge?";
    public const string Sure = "I am sure.";
    public const string Unsure = "I am unsure.";

    /// <summary>The refusal sentences of the released code (FALSE_RESPONSES, 16 items).</summary>
    public static readonly IReadOnlyList<string> CodeRefusals =
    [
        "The answer is unknown.", "The answer is uncertain.", "The answer is unclear.", "It is not known.",
        "I do not know the answer.", "I'm not sure.", "There is no definitive answer.", "There is much debate.",
        "There is no concrete answer to this question.", "It is impossible to answer.", "There is no known case.",
        "There is no public information available.", "There is no scientific evidence.", "There is no right answer.",
        "It is impossible to know.", "It is difficult to predict.",
    ];

    /// <summary>The paper's list (taken from SelfAware): as the code's, with "We do not know." in place of "I do not know the answer.".</summary>
    public static readonly IReadOnlyList<string> PaperRefusals =
        CodeRefusals.Select(s => s == "I do not know the answer." ? "We do not know." : s).ToList();

    /// <summary>The answer followed by exactly one period, as R-Tuning writes "{gold}." (no doubled period).</summary>
    public static string WithPeriod(string answer)
    {
        var a = answer.TrimEnd();
        return a.EndsWith('.') ? a : a + ".";
    }

    /// <summary>Padding target: "{answer}. Are you sure ...? I am sure." (or unsure).</summary>
    public static string PaddedAnswer(string answer, bool sure) => $"{WithPeriod(answer)} {SureQuestion} {(sure ? Sure : Unsure)}";

    /// <summary>
    /// The scoring pair for P(sure): the user turn, the assistant prefix up to "I am", and the two
    /// continuations whose likelihoods the evaluator compares (sure = p(" sure.") / (p(" sure.") + p(" unsure."))).
    /// </summary>
    public static SureProbe SureProbeFor(string userTurn, string modelAnswer) =>
        new(userTurn, $"{WithPeriod(modelAnswer)} {SureQuestion} I am", " sure.", " unsure.");
}
