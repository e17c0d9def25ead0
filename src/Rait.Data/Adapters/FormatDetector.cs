using System.Text.Json.Nodes;

namespace Rait.Data.Adapters;

/// <summary>Recognises a dataset layout from the field names (and shapes) of its first record.</summary>
public static class FormatDetector
{
    /// <summary>The layout, or null when the columns match none we know.</summary>
    public static DatasetFormat? Detect(JsonObject first)
    {
        bool Has(params string[] keys) => keys.All(first.ContainsKey);
        if (Has("id", "question", "options", "target")) return DatasetFormat.RaitMc;
        if (Has("question", "answerKey")) return DatasetFormat.Arc;
        if (Has("question_id", "question", "answerable")) return DatasetFormat.SelfAware;
        if (Has("question", "context", "answers") && first["answers"] is JsonObject) return DatasetFormat.SquadV2;
        if (Has("id", "question", "answers") && first["answers"] is JsonArray) return DatasetFormat.RaitQa;
        if (Has("question", "answer") && first["answer"] is JsonObject a && (a.ContainsKey("aliases") || a.ContainsKey("value"))) return DatasetFormat.TriviaQa;
        if (Has("question", "choices", "answer")) return DatasetFormat.MmluHf;
        if (Has("question", "A", "B", "C", "D")) return DatasetFormat.MmluCsv;
        if (Has("question", "answer") && first["answer"] is JsonArray or JsonValue) return DatasetFormat.NqOpen;
        return null;
    }

    /// <summary>Whether a header-less CSV record looks like original MMLU: six cells, the last a letter A–D.</summary>
    public static bool LooksLikeHeaderlessMmlu(IReadOnlyList<string> record) =>
        record.Count == 6 && record[5].Trim() is "A" or "B" or "C" or "D";
}
