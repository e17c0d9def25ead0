using System.Text;
using System.Text.RegularExpressions;

namespace Rait.Core.Text;

/// <summary>
/// The two answer normalisers used by QA evaluation scripts, reproduced step by step.
/// </summary>
/// <remarks>
/// SQuAD (<c>evaluate-v2.0.py</c>): lower-case, delete ASCII punctuation, replace the words a/an/the
/// with a space, collapse whitespace. TriviaQA (<c>triviaqa_evaluation.py</c>): '_' to space, lower-case,
/// replace punctuation (ASCII plus ‘ ’ ´ `) with a space, remove articles, collapse whitespace.
/// </remarks>
public static partial class AnswerNormalizer
{
    // Python's string.punctuation.
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    // TriviaQA adds the typographic quotes and the acute accent to the punctuation set.
    private const string TriviaQaExtraPunctuation = "\u2018\u2019\u00B4`";

    [GeneratedRegex(@"\b(a|an|the)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Articles();

    /// <summary>Normalises with the rule named by <paramref name="kind"/>.</summary>
    public static string Normalize(string text, AnswerNormalization kind) => kind switch
    {
        AnswerNormalization.Squad => Squad(text),
        AnswerNormalization.TriviaQa => TriviaQa(text),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown normalisation"),
    };

    /// <summary>SQuAD normalisation: "The U.S. Army!" becomes "us army".</summary>
    public static string Squad(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var sb = new StringBuilder(lower.Length);
        foreach (var ch in lower)
            if (AsciiPunctuation.IndexOf(ch) < 0) sb.Append(ch);
        return CollapseWhitespace(Articles().Replace(sb.ToString(), " "));
    }

    /// <summary>TriviaQA normalisation: "The U.S. Army!" becomes "u s army".</summary>
    public static string TriviaQa(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.Replace('_', ' ').ToLowerInvariant();
        var sb = new StringBuilder(lower.Length);
        foreach (var ch in lower)
            sb.Append(AsciiPunctuation.IndexOf(ch) >= 0 || TriviaQaExtraPunctuation.IndexOf(ch) >= 0 ? ' ' : ch);
        return CollapseWhitespace(Articles().Replace(sb.ToString(), " "));
    }

    /// <summary>Splits already-normalised text on whitespace (Python <c>str.split()</c>).</summary>
    public static string[] Tokens(string normalized) =>
        normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string CollapseWhitespace(string text) => string.Join(' ', Tokens(text));
}
