using System.Text.Json.Nodes;
using Rait.Core.Records;
using Rait.Data.Reading;

namespace Rait.Data.Adapters;

/// <summary>
/// AI2 ARC, in the original JSONL (<c>question: {stem, choices: [{text, label}]}</c>) or HF's layout
/// (<c>question</c> string, <c>choices: {text[], label[]}</c>), both with <c>answerKey</c>.
/// </summary>
/// <remarks>
/// The gold option is found by matching <c>answerKey</c> against the choice labels, never by position, and every
/// choice is kept: 3-option items stay 3 options and 5-option items keep E. Numeric labels "1"–"4" (New York
/// Regents items) are renamed to letters by value (1→A, 2→B, ...), so prompts always show letters. CRaFT instead
/// takes choices[0..3] as A–D positionally and compares with the raw key, which makes numeric-key items
/// unscorable, gives 3-option items a "nan" D and drops E from 5-option items; we deliberately do not copy that.
/// </remarks>
public sealed class ArcAdapter : IDatasetAdapter
{
    public DatasetFormat Format => DatasetFormat.Arc;
    public IReadOnlyList<string> RequiredFields => ["id", "question", "answerKey"];

    public DataItem Convert(SourceRow row)
    {
        bool original = row.Get("question") is JsonObject;
        var question = row.RequireString(original ? "question.stem" : "question");
        var (labels, texts) = original ? ReadOriginalChoices(row) : (row.StringList("choices.label"), row.StringList("choices.text"));
        if (labels.Count != texts.Count)
            throw row.FieldError("choices", $"{labels.Count} labels but {texts.Count} texts");
        bool numeric = labels.All(l => l.Length == 1 && l[0] is >= '1' and <= '9');
        var key = row.RequireString("answerKey").Trim();
        if (!labels.Contains(key)) throw row.FieldError("answerKey", $"'{key}' is not one of the choice labels {string.Join(", ", labels)}");
        var options = labels.Select((l, i) => new McOption(numeric ? Relabel(l) : l, texts[i])).ToList();
        return McItems.Build(row, row.IdOrDefault("id"), question, options, numeric ? Relabel(key) : key, "answerKey",
            new ItemMetadata { Source = "arc", Split = FileNameInfo.Split(row.File), Subject = Subject(row.File) });
    }

    private static string Relabel(string digit) => McItems.Letter(digit[0] - '1');

    private static (List<string> Labels, List<string> Texts) ReadOriginalChoices(SourceRow row)
    {
        if (row.Get("question.choices") is not JsonArray arr) throw row.FieldError("question.choices", "expected a list of {text, label}");
        var labels = new List<string>();
        var texts = new List<string>();
        for (int i = 0; i < arr.Count; i++)
        {
            if (arr[i] is not JsonObject c) throw row.FieldError($"question.choices[{i}]", "expected an object {text, label}");
            var sub = row with { Fields = c };
            labels.Add(WithPrefix(row, i, () => sub.RequireString("label")).Trim());
            texts.Add(WithPrefix(row, i, () => sub.OptionalString("text") ?? ""));
        }
        return (labels, texts);
    }

    private static string WithPrefix(SourceRow row, int index, Func<string> read)
    {
        try { return read(); }
        catch (DataRowException e) { throw new DataRowException(e.Row with { Reason = e.Row.Reason.Replace("field '", $"field 'question.choices[{index}].") }); }
    }

    /// <summary>"ARC-Challenge-Test.jsonl" → "arc-challenge"; null when the name says neither.</summary>
    private static string? Subject(string file)
    {
        var name = Path.GetFileName(file).ToLowerInvariant();
        return name.Contains("challenge") ? "arc-challenge" : name.Contains("easy") ? "arc-easy" : null;
    }
}
