using System.Text.Json;
using System.Text.Json.Serialization;
using Rait.Core;
using Rait.Core.Io;

namespace Rait.Pipeline.Eval;

/// <summary>metrics.json of an eval output folder: the evaluated model and one <see cref="EvalSplitMetrics"/> per split.</summary>
public sealed record EvalMetricsFile
{
    public const string FileName = "metrics.json";
    /// <summary>Layout version; a folder written by another version is refused rather than misread.</summary>
    public const string CurrentFormat = "rait-eval/1";

    [JsonPropertyName("format")] public string Format { get; init; } = CurrentFormat;
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("adapter")] public string? Adapter { get; init; }
    [JsonPropertyName("model_fingerprint")] public required string ModelFingerprint { get; init; }
    [JsonPropertyName("splits")] public required IReadOnlyList<EvalSplitMetrics> Splits { get; init; }

    private static readonly JsonSerializerOptions Indented = new(Jsonl.Options) { WriteIndented = true };

    /// <summary>Reads <c>dir/metrics.json</c>, or null when the folder has none.</summary>
    /// <exception cref="RaitException">Malformed file or another format version.</exception>
    public static EvalMetricsFile? TryRead(string dir)
    {
        var path = System.IO.Path.Combine(dir, FileName);
        if (!File.Exists(path)) return null;
        EvalMetricsFile? file;
        try { file = JsonSerializer.Deserialize<EvalMetricsFile>(File.ReadAllText(path), Indented); }
        catch (JsonException e) { throw new RaitException($"{path}: not a valid eval metrics file ({e.Message.Split(" Path:")[0]} at {e.Path})."); }
        if (file is null) throw new RaitException($"{path}: expected a JSON object.");
        if (file.Format != CurrentFormat)
            throw new RaitException($"{path}: format is \"{file.Format}\", this version reads \"{CurrentFormat}\"; evaluate into a new folder.");
        return file;
    }

    /// <summary>Writes <c>dir/metrics.json</c> atomically.</summary>
    public void Write(string dir) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Indented) + "\n");
}
