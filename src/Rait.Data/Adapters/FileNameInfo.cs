namespace Rait.Data.Adapters;

/// <summary>What a dataset file's name tells: its split (dev, test, ...) and, for MMLU, its subject.</summary>
public static class FileNameInfo
{
    private static readonly string[] Splits = ["train", "dev", "val", "validation", "test"];

    /// <summary>The last split-like token of the file name ("NQ-open.dev.jsonl" → "dev"), or null.</summary>
    public static string? Split(string file)
    {
        var tokens = Path.GetFileNameWithoutExtension(file).ToLowerInvariant().Split(['-', '_', '.']);
        return tokens.LastOrDefault(t => Splits.Contains(t));
    }

    /// <summary>MMLU subject from "abstract_algebra_dev.csv" → "abstract_algebra".</summary>
    public static string MmluSubject(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        foreach (var suffix in new[] { "_dev", "_val", "_test", "_validation", "_train" })
            if (stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return stem[..^suffix.Length];
        return stem;
    }
}
