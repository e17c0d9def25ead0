using Rait.Core;
using Rait.Core.Records;
using Rait.Core.Text;

namespace Rait.Evaluation;

/// <summary>
/// Scores a response as correct, wrong, refused or fail-parse. The refusal check always comes first,
/// so a response containing "I don't know" is a refusal even if it also names an answer (CRaFT §1.2).
/// </summary>
/// <remarks>
/// Open items use the configured <see cref="IAnswerMatcher"/>; an item without aliases (unanswerable)
/// can only be refused or wrong. Multiple-choice items are parsed with <see cref="McqaAnswerParser"/>
/// over the item's own option labels (so five-option items accept E).
/// </remarks>
public sealed class ResponseClassifier
{
    private readonly RefusalDetector _refusal;
    private readonly IAnswerMatcher _matcher;
    private readonly bool _cushion;
    private readonly Dictionary<string, McqaAnswerParser> _parsers = new(StringComparer.Ordinal);

    /// <param name="refusal">Refusal detector, run before any matching or parsing.</param>
    /// <param name="matcher">Open-QA matcher.</param>
    /// <param name="cushion">Use the MCQA cushion patterns ("X:" and any option letter), as CRaFT does.</param>
    public ResponseClassifier(RefusalDetector refusal, IAnswerMatcher matcher, bool cushion = true)
    {
        _refusal = refusal;
        _matcher = matcher;
        _cushion = cushion;
    }

    /// <summary>Classifies an open-ended response against the gold aliases.</summary>
    public Outcome ClassifyOpen(string response, IReadOnlyList<string> aliases)
    {
        if (_refusal.IsRefusal(response)) return Outcome.Refused;
        return _matcher.IsCorrect(response, aliases) ? Outcome.Correct : Outcome.Wrong;
    }

    /// <summary>Classifies a multiple-choice response against <paramref name="target"/> among <paramref name="optionLabels"/>.</summary>
    /// <exception cref="RaitException">Labels are not single characters or the target is not among them.</exception>
    public Outcome ClassifyChoice(string response, string optionLabels, string target)
    {
        if (!optionLabels.Contains(target, StringComparison.Ordinal) || target.Length != 1)
            throw new RaitException($"target \"{target}\": expected one of the option labels \"{optionLabels}\".");
        if (_refusal.IsRefusal(response)) return Outcome.Refused;
        var parse = Parser(optionLabels).Parse(response);
        if (parse.IsFailParse) return Outcome.FailParse;
        return parse.Letter == target ? Outcome.Correct : Outcome.Wrong;
    }

    /// <summary>Classifies a response to <paramref name="item"/> using its option labels and target.</summary>
    public Outcome ClassifyChoice(string response, McItem item)
    {
        foreach (var o in item.Options)
            if (o.Label.Length != 1)
                throw new RaitException($"item {item.Id}: option label \"{o.Label}\" must be exactly one character.");
        return ClassifyChoice(response, string.Concat(item.Options.Select(o => o.Label)), item.Target);
    }

    /// <summary>Classifies a response to an open item.</summary>
    public Outcome ClassifyOpen(string response, QaItem item) => ClassifyOpen(response, item.Answers);

    private McqaAnswerParser Parser(string labels)
    {
        if (!_parsers.TryGetValue(labels, out var parser))
            _parsers[labels] = parser = new McqaAnswerParser(labels, _cushion);
        return parser;
    }
}
