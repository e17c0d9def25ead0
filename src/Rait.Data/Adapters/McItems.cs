using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>Builds a multiple-choice item after checking it: two or more options, distinct labels, a target among them.</summary>
public static class McItems
{
    public static ChoiceItem Build(SourceRow row, string id, string question, IReadOnlyList<McOption> options, string target, string targetField, ItemMetadata meta)
    {
        if (options.Count < 2) throw row.FieldError("options", $"expected at least 2 options, got {options.Count}");
        var dup = options.GroupBy(o => o.Label).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw row.FieldError("options", $"label '{dup.Key}' appears twice");
        if (!options.Any(o => o.Label == target))
            throw row.FieldError(targetField, $"'{target}' is not one of the option labels {string.Join(", ", options.Select(o => o.Label))}");
        return new ChoiceItem(new McItem { Id = id, Question = question, Options = options, Target = target, Meta = meta });
    }

    /// <summary>Letter label for a 0-based position (A, B, ...).</summary>
    public static string Letter(int index) => ((char)('A' + index)).ToString();
}
