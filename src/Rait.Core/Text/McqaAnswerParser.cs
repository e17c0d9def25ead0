using System.Text;
using System.Text.RegularExpressions;

namespace Rait.Core.Text;

/// <summary>
/// Extracts the chosen option letter from a free-text multiple-choice response with CRaFT's ordered
/// pattern list; the first pattern that matches and whose matched text contains an option letter wins.
/// </summary>
/// <remarks>
/// Mirrors the behaviour of OpenCompass <c>first_option_postprocess(text, options)</c> used by CRaFT
/// (craft-grait.md §1.4): Chinese answer phrases, end-anchored single letters, "The answer is X" and
/// its variants, "(\s|^)X[\s.:]", then two cushion patterns "X:" and any option letter anywhere.
/// On a match the result is the first option (in option order, not text order) occurring anywhere in
/// the whole matched substring; a match without any option letter falls through to the next pattern.
/// The refusal check is not done here; classifiers run it first.
/// </remarks>
public sealed class McqaAnswerParser
{
    /// <summary>
    /// The pattern list in priority order; "{O}" stands for the character class of the option letters.
    /// Some patterns keep the original's unescaped "." (any character) for parity.
    /// </summary>
    public static readonly IReadOnlyList<string> PatternTemplates =
    [
        // Chinese answer phrases ("the answer is X", "choose X", "only option X is right/wrong", ...).
        @"答案是?\s?({O})", @"答案是?\s?：({O})", @"答案是?\s?:({O})", @"答案应该?是\s?({O})",
        @"答案应该?选\s?({O})", @"答案为\s?({O})", @"答案选\s?({O})", @"选择?\s?({O})",
        @"只有选?项?\s?({O})\s?是?对", @"只有选?项?\s?({O})\s?是?错", @"只有选?项?\s?({O})\s?不?正确",
        @"只有选?项?\s?({O})\s?错误", @"说法不?对选?项?的?是\s?({O})", @"说法不?正确选?项?的?是\s?({O})",
        @"说法错误选?项?的?是\s?({O})", @"({O})\s?是正确的", @"({O})\s?是正确答案", @"选项\s?({O})\s?正确",
        @"所以答\s?({O})",
        // A letter closing the response, after "1.", "therefore", a separator, ... (language-neutral ones included).
        @"1.\s?({O})[.。$]?$", @"所以\s?({O}[.。$]?$)", @"所有\s?({O}[.。$]?$)",
        @"[\s，：:,]({O})[。，,\.]?$", @"[\s，,：:][故即]({O})[。\.]?$", @"[\s，,：:]因此({O})[。\.]?$",
        @"[是为。]\s?({O})[。\.]?$", @"因此\s?({O})[。\.]?$", @"显然\s?({O})[。\.]?$",
        @"答案是\s?(\S+)(?:。|$)", @"答案应该是\s?(\S+)(?:。|$)", @"答案为\s?(\S+)(?:。|$)",
        // English answer phrases.
        @"[Tt]he answer is ({O})", @"[Tt]he answer is option ({O})", @"[Tt]he correct answer is ({O})",
        @"[Tt]he correct answer is option ({O})", @"[Tt]he answer to the question is ({O})",
        // A free-standing letter.
        @"^选项\s?({O})", @"^({O})\s?选?项", @"(\s|^){O}[\s。，,：:\.$]", @"(\s|^){O}(\s|$)",
        @"1.\s?(.*?)$",
    ];

    /// <summary>Last-resort patterns, tried after <see cref="PatternTemplates"/> when cushioning is on.</summary>
    public static readonly IReadOnlyList<string> CushionTemplates = [@"({O}):", @"{O}"];

    private readonly string[] _options;
    private readonly Regex[] _patterns;

    /// <param name="options">Option labels in order, one character each, e.g. "ABCD" or "ABCDE".</param>
    /// <param name="cushion">Append the cushion patterns ("X:" and any option letter); on in CRaFT.</param>
    /// <exception cref="RaitException">Empty, repeated or whitespace option labels.</exception>
    public McqaAnswerParser(string options = "ABCD", bool cushion = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Length == 0) throw new RaitException("mcqa options: empty, expected option labels such as \"ABCD\".");
        if (options.Distinct().Count() != options.Length) throw new RaitException($"mcqa options \"{options}\": repeated label.");
        if (options.Any(char.IsWhiteSpace)) throw new RaitException($"mcqa options \"{options}\": whitespace is not a valid label.");
        Options = options;
        _options = options.Select(c => c.ToString()).ToArray();
        var cls = CharacterClass(options);
        var templates = cushion ? PatternTemplates.Concat(CushionTemplates) : PatternTemplates;
        _patterns = templates
            .Select(t => new Regex(t.Replace("{O}", cls, StringComparison.Ordinal), RegexOptions.CultureInvariant))
            .ToArray();
    }

    /// <summary>Builds a parser for the labels of an item's options (each label must be one character).</summary>
    /// <exception cref="RaitException">A label is not exactly one character.</exception>
    public static McqaAnswerParser ForLabels(IEnumerable<string> labels, bool cushion = true)
    {
        var sb = new StringBuilder();
        foreach (var label in labels)
        {
            if (label.Length != 1) throw new RaitException($"mcqa option label \"{label}\": expected exactly one character.");
            sb.Append(label);
        }
        return new McqaAnswerParser(sb.ToString(), cushion);
    }

    /// <summary>The option labels, in order.</summary>
    public string Options { get; }

    /// <summary>Returns the chosen option letter, or <see cref="McqaParse.Fail"/>.</summary>
    public McqaParse Parse(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        for (int p = 0; p < _patterns.Length; p++)
        {
            var m = _patterns[p].Match(response);
            if (!m.Success) continue;
            foreach (var option in _options)
                if (m.Value.Contains(option, StringComparison.Ordinal)) return new McqaParse(option, p);
        }
        return McqaParse.Fail;
    }

    private static string CharacterClass(string options)
    {
        var sb = new StringBuilder("[");
        foreach (var c in options)
        {
            if (c is '\\' or ']' or '[' or '^' or '-') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append(']').ToString();
    }
}
