namespace Rait.World.Catalog;

/// <summary>
/// One attribute of a person: its closed list of fictional values, the biography sentence templates
/// and the question templates. Templates use the placeholders {name} and {value}.
/// </summary>
/// <param name="Key">Snake-case key written to files (birth_city, ...).</param>
/// <param name="Values">Closed value list; MC distractors are drawn from it too.</param>
/// <param name="BioTemplates">Biography paraphrases; the corpus uses the first config.BioParaphrases.</param>
/// <param name="QuestionTemplates">Question phrasings; training uses the first config.QuestionPhrasings,
/// the OOD test the last config.HeldOutPhrasings.</param>
public sealed record AttributeDefinition(
    string Key,
    IReadOnlyList<string> Values,
    IReadOnlyList<string> BioTemplates,
    IReadOnlyList<string> QuestionTemplates)
{
    /// <summary>Template id written to item metadata, e.g. "birth_city.q2" (1-based).</summary>
    public string QuestionTemplateId(int index) => $"{Key}.q{index + 1}";

    /// <summary>Inverse of <see cref="QuestionTemplateId"/>.</summary>
    /// <exception cref="FormatException">The id does not name one of this attribute's templates.</exception>
    public int QuestionTemplateIndex(string id)
    {
        var prefix = Key + ".q";
        if (id.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(id.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= QuestionTemplates.Count)
            return n - 1;
        throw new FormatException($"'{id}' is not a question template id of {Key} ({Key}.q1..{Key}.q{QuestionTemplates.Count})");
    }

    public static string Fill(string template, string name, string value) =>
        template.Replace("{name}", name, StringComparison.Ordinal).Replace("{value}", value, StringComparison.Ordinal);
}
