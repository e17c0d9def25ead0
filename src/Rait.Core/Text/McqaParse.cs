namespace Rait.Core.Text;

/// <summary>Outcome of parsing a multiple-choice response: the chosen option letter or a parse failure.</summary>
/// <param name="Letter">The parsed option label, or null when nothing matched (fail-parse).</param>
/// <param name="PatternIndex">Index of the pattern that matched in <see cref="McqaAnswerParser.PatternTemplates"/>, or -1.</param>
public readonly record struct McqaParse(string? Letter, int PatternIndex)
{
    /// <summary>The fail-parse result.</summary>
    public static McqaParse Fail => new(null, -1);

    /// <summary>True when no pattern produced an option letter.</summary>
    public bool IsFailParse => Letter is null;
}
