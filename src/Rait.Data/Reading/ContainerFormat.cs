namespace Rait.Data.Reading;

/// <summary>The file layout records are stored in (independent of which dataset they are).</summary>
public enum ContainerFormat { Jsonl, JsonArray, Csv, Parquet }
