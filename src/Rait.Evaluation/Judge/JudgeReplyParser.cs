namespace Rait.Evaluation.Judge;

/// <summary>
/// Strict reading of a judge reply: after trimming white space and at most one trailing full stop, the reply must be
/// exactly CORRECT, WRONG or REFUSED (any letter case). Everything else is <see cref="JudgeLabel.Unparsed"/>.
/// </summary>
/// <remarks>
/// Deliberately strict: "Correct, because ..." or "not correct" are unparsed, not guessed at, so that a judge which
/// ignores the format shows up in the unparsed count instead of silently inflating agreement.
/// </remarks>
public static class JudgeReplyParser
{
    public static JudgeLabel Parse(string? reply)
    {
        if (reply is null) return JudgeLabel.Unparsed;
        var word = reply.Trim();
        if (word.EndsWith('.')) word = word[..^1];
        return word.ToUpperInvariant() switch
        {
            "CORRECT" => JudgeLabel.Correct,
            "WRONG" => JudgeLabel.Wrong,
            "REFUSED" => JudgeLabel.Refused,
            _ => JudgeLabel.Unparsed,
        };
    }
}
