using Rait.Core;
using Rait.Data.Adapters;
using Rait.Data.Reading;

namespace Rait.Data;

/// <summary>
/// Reads a dataset file (JSONL, JSON, CSV or Parquet) or a folder of them and converts every row with the
/// adapter of its layout. Errors name the file, line/row and field; with skipping on, bad rows are listed instead.
/// </summary>
public static class DatasetLoader
{
    private static readonly string[] DataExtensions = [".jsonl", ".ndjson", ".json", ".csv", ".parquet"];

    /// <exception cref="RaitException">Missing file, unknown layout, a bad row (unless skipping), or no records at all.</exception>
    public static LoadedDataset Load(string path, DatasetLoadOptions options)
    {
        var files = ListFiles(path);
        var policy = new BadRowPolicy(options.SkipBadRows);
        var format = options.Format ?? (options.Mapping is not null ? DatasetFormat.Generic : null);
        var items = new List<DataItem>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        ContainerFormat? container = null;
        foreach (var file in files)
        {
            var (fileContainer, rows) = ReadRows(file, format, policy);
            container ??= fileContainer;
            if (rows.Count == 0) continue;
            var fileFormat = format ?? FormatDetector.Detect(rows[0].Fields) ?? throw Unrecognised(rows[0]);
            if (format is not null && fileFormat != format) throw new RaitException($"{file}: layout {DatasetFormats.Name(fileFormat)} differs from the other files ({DatasetFormats.Name(format.Value)}).");
            format = fileFormat;
            var adapter = DatasetAdapters.For(fileFormat, options.Mapping);
            if (fileContainer == ContainerFormat.Csv) CheckColumns(file, rows[0], adapter);
            foreach (var row in rows) Convert(row, adapter, policy, items, seen);
        }
        if (items.Count == 0)
            throw new RaitException($"{path}: no records could be read{(policy.Skipped.Count > 0 ? $" ({policy.Skipped.Count} bad rows skipped, first: {policy.Skipped[0]})" : "")}.");
        return new LoadedDataset(path, container!.Value, format!.Value, items, policy.Skipped);
    }

    private static void Convert(SourceRow row, IDatasetAdapter adapter, BadRowPolicy policy, List<DataItem> items, Dictionary<string, string> seen)
    {
        try
        {
            var item = adapter.Convert(row);
            if (!seen.TryAdd(item.Id, row.Location)) throw row.FieldError("id", $"'{item.Id}' already used at {seen[item.Id]}");
            items.Add(item);
        }
        catch (DataRowException e) { policy.Handle(e); }
    }

    private static List<string> ListFiles(string path)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new RaitException($"{path}: file or folder not found.");
        var files = Directory.EnumerateFiles(path)
            .Where(f => DataExtensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()) && !System.IO.Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files : throw new RaitException($"{path}: the folder holds no .jsonl, .json, .csv or .parquet files.");
    }

    /// <summary>Reads a file's rows and tells its container layout.</summary>
    public static (ContainerFormat Container, List<SourceRow> Rows) ReadRows(string file, DatasetFormat? format, BadRowPolicy policy)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file); }
        catch (IOException e) { throw new RaitException($"{file}: cannot read: {e.Message}"); }
        var container = ContainerDetector.Detect(file, bytes);
        var rows = container switch
        {
            ContainerFormat.Jsonl => JsonlRowReader.Read(file, bytes, policy),
            ContainerFormat.JsonArray => JsonArrayRowReader.Read(file, bytes, policy),
            ContainerFormat.Parquet => ParquetRowReader.Read(file, bytes, policy),
            ContainerFormat.Csv => ReadCsv(file, bytes, format, policy),
            _ => throw new ArgumentOutOfRangeException(nameof(container)),
        };
        return (container, rows.ToList());
    }

    /// <summary>
    /// The first record is the header, except in original MMLU files, which have none: those are recognised by
    /// having no 'question' column and six cells ending in A-D, or by --format mmlu without a 'question' column.
    /// A generic mapping names its own columns, so its first record is always the header.
    /// </summary>
    private static IEnumerable<SourceRow> ReadCsv(string file, byte[] bytes, DatasetFormat? format, BadRowPolicy policy)
    {
        var text = Utf8Text.Decode(file, bytes);
        bool headerless = (format is null or DatasetFormat.MmluCsv)
            && CsvRowReader.ReadHeader(file, text) is null
            && (format == DatasetFormat.MmluCsv || FormatDetector.LooksLikeHeaderlessMmlu(CsvRowReader.FirstRecord(file, text)));
        return CsvRowReader.Read(file, text, headerless ? MmluCsvAdapter.HeaderlessColumns : null, policy);
    }

    private static void CheckColumns(string file, SourceRow first, IDatasetAdapter adapter)
    {
        var missing = adapter.RequiredFields.Where(f => !f.Split('|').Any(first.Fields.ContainsKey))
            .Select(f => string.Join(" or ", f.Split('|').Select(a => $"'{a}'"))).ToList();
        if (missing.Count > 0)
            throw new RaitException($"{file}: CSV lacks column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} required by the {DatasetFormats.Name(adapter.Format)} layout; columns are: {string.Join(", ", first.Fields.Select(kv => kv.Key))}.");
    }

    private static RaitException Unrecognised(SourceRow first) =>
        new($"{first.File}: cannot tell the dataset layout from the fields {string.Join(", ", first.Fields.Select(kv => kv.Key))}; " +
            $"pass --format ({string.Join(", ", DatasetFormats.AllNames)}) or a mapping (--question-field, --answers-field, ...).");
}
