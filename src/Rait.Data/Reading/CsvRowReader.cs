using System.Text.Json.Nodes;
using Rait.Core;

namespace Rait.Data.Reading;

/// <summary>
/// Turns CSV records into rows keyed by column name. The first record is the header, unless the caller
/// passes the column names of a headerless layout (original MMLU files have no header).
/// </summary>
public static class CsvRowReader
{
    /// <summary>Header cells, or null when the first record does not look like a header (no "question" column).</summary>
    public static string[]? ReadHeader(string file, string text)
    {
        foreach (var (_, fields) in CsvRecordParser.Parse(file, text))
            return fields.Any(f => f.Trim().Equals("question", StringComparison.OrdinalIgnoreCase)) ? fields.Select(f => f.Trim()).ToArray() : null;
        throw new RaitException($"{file}: the CSV file is empty.");
    }

    /// <summary>First record's cells (for sniffing a headerless layout).</summary>
    public static string[] FirstRecord(string file, string text) =>
        CsvRecordParser.Parse(file, text).Select(r => r.Fields).FirstOrDefault() ?? throw new RaitException($"{file}: the CSV file is empty.");

    public static IEnumerable<SourceRow> Read(string file, string text, IReadOnlyList<string>? headerlessColumns, BadRowPolicy policy)
    {
        IReadOnlyList<string>? columns = headerlessColumns;
        foreach (var (line, fields) in CsvRecordParser.Parse(file, text))
        {
            if (columns is null)
            {
                columns = fields.Select(f => f.Trim()).ToArray();
                var dup = columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
                if (dup is not null) throw new RaitException($"{file}:{line}: CSV header repeats column '{dup.Key}'.");
                continue;
            }
            if (fields.Length != columns.Count)
            {
                policy.Handle(new DataRowException(new SkippedRow(SourceRow.Locate(file, line, true),
                    $"expected {columns.Count} CSV fields ({string.Join(", ", columns)}), got {fields.Length}")));
                continue;
            }
            var obj = new JsonObject();
            for (int c = 0; c < columns.Count; c++) obj[columns[c]] = fields[c];
            yield return new SourceRow(file, line, true, obj);
        }
    }
}
