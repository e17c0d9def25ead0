using Rait.Data.Adapters;

namespace Rait.Data;

/// <summary>Counts that tell what a dataset holds: kinds of items, unanswerable ones, subjects and option counts.</summary>
public sealed record DatasetSummary(
    int Total,
    int Open,
    int MultipleChoice,
    int Unanswerable,
    int WithContext,
    IReadOnlyList<KeyValuePair<string, int>> Subjects,
    IReadOnlyList<KeyValuePair<int, int>> OptionCounts)
{
    public static DatasetSummary Of(IReadOnlyList<DataItem> items)
    {
        var open = items.OfType<OpenItem>().Select(o => o.Item).ToList();
        var mc = items.OfType<ChoiceItem>().Select(c => c.Item).ToList();
        var subjects = items.Where(i => i.Meta.Subject is not null).GroupBy(i => i.Meta.Subject!)
            .Select(g => KeyValuePair.Create(g.Key, g.Count())).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var optionCounts = mc.GroupBy(m => m.Options.Count).Select(g => KeyValuePair.Create(g.Key, g.Count())).OrderBy(kv => kv.Key).ToList();
        return new DatasetSummary(items.Count, open.Count, mc.Count,
            open.Count(q => q.Answers.Count == 0 || q.Meta.Answerable == false),
            open.Count(q => !string.IsNullOrEmpty(q.Context)), subjects, optionCounts);
    }
}
