using System.Text.Json.Nodes;

namespace Rait.Data.Reading;

/// <summary>
/// One record read from a data file, before any dataset adapter looks at it: its fields as a JSON object
/// (CSV cells become strings, Parquet values keep their types) and where it came from, for error messages.
/// </summary>
/// <param name="File">The file name as given by the user.</param>
/// <param name="Number">1-based line (JSONL, CSV) or record index (JSON array, Parquet).</param>
/// <param name="IsLine">True when <paramref name="Number"/> is a text line, false when it is a row/record index.</param>
/// <param name="Fields">The record's fields.</param>
public sealed record SourceRow(string File, int Number, bool IsLine, JsonObject Fields)
{
    /// <summary>"file:12" for a line, "file row 12" for a record index.</summary>
    public string Location => Locate(File, Number, IsLine);

    public static string Locate(string file, int number, bool isLine) => isLine ? $"{file}:{number}" : $"{file} row {number}";

    /// <summary>An error about one field of this row.</summary>
    public DataRowException FieldError(string field, string problem) =>
        new(new SkippedRow(Location, $"field '{field}': {problem}"));
}
