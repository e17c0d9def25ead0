using System.Text.Json;
using System.Text.Json.Serialization;
using Rait.Core;
using Rait.Core.Io;

namespace Rait.Evaluation.Report;

/// <summary>Writes a run report as report.html (self-contained), report.json (the typed input) and report.md.</summary>
public static class ReportWriter
{
    /// <summary>File names inside the output folder.</summary>
    public const string HtmlFile = "report.html", JsonFile = "report.json", MarkdownFile = "report.md";

    /// <summary>JSON settings: snake_case, strict about unknown members, NaN written as "NaN" (undefined metrics).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    /// <summary>Renders all three files into <paramref name="outDir"/> (each written atomically).</summary>
    public static void Write(ReportInput input, string outDir)
    {
        var plots = ReportPlots.All(input);
        AtomicFile.WriteAllText(Path.Combine(outDir, HtmlFile), HtmlReport.Render(input, plots));
        AtomicFile.WriteAllText(Path.Combine(outDir, JsonFile), ToJson(input));
        AtomicFile.WriteAllText(Path.Combine(outDir, MarkdownFile), MarkdownReport.Render(input));
    }

    public static string ToJson(ReportInput input) => JsonSerializer.Serialize(input, JsonOptions);

    /// <summary>Reads a report.json back.</summary>
    /// <exception cref="RaitException">Missing file or malformed JSON (message names the file and field).</exception>
    public static ReportInput ReadJson(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found.");
        try
        {
            return JsonSerializer.Deserialize<ReportInput>(File.ReadAllText(path), JsonOptions)
                ?? throw new RaitException($"{path}: expected a report object, got null.");
        }
        catch (JsonException e)
        {
            throw new RaitException($"{path}: {e.Message}", e);
        }
    }
}
