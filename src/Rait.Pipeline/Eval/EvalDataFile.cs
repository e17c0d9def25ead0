namespace Rait.Pipeline.Eval;

/// <summary>One evaluation set: a dataset file (any layout Rait.Data reads) and the split name its results go under.</summary>
public sealed record EvalDataFile(string Path, string Split)
{
    /// <summary>The split name a file gets when none is given: its file name without extension (id_test.jsonl → id_test).</summary>
    public static EvalDataFile FromPath(string path) => new(path, System.IO.Path.GetFileNameWithoutExtension(System.IO.Path.TrimEndingDirectorySeparator(path)));
}
