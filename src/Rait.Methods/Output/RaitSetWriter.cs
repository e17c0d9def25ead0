using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;

namespace Rait.Methods.Output;

/// <summary>
/// Writes a built set: sft.jsonl, LLaMA-Factory (alpaca, sharegpt, dataset_info.json) and TRL
/// (messages, prompt-completion) exports, and manifest.json. Everything is serialised in memory
/// first; each file is written atomically; an existing manifest is removed before and the new one
/// written last, so a folder with a manifest always holds one complete set.
/// </summary>
public static class RaitSetWriter
{
    public const string SftFile = "sft.jsonl";
    public const string ManifestFile = "manifest.json";
    public const string AlpacaFile = "llamafactory/alpaca.json";
    public const string ShareGptFile = "llamafactory/sharegpt.json";
    public const string DatasetInfoFile = "llamafactory/dataset_info.json";
    public const string TrlMessagesFile = "trl/messages.jsonl";
    public const string TrlPromptCompletionFile = "trl/prompt_completion.jsonl";

    /// <summary>Serialiser settings of the manifest: snake_case, indented, enums as snake_case strings.</summary>
    public static readonly JsonSerializerOptions ManifestJson = new(Jsonl.Options)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes <paramref name="result"/> into <paramref name="dir"/> and returns the manifest.</summary>
    /// <exception cref="RaitException">Invalid export options, or a value that cannot be serialised (nothing is written then).</exception>
    public static BuildManifest Write(string dir, RaitBuildResult result, ExportOptions? export = null)
    {
        export ??= new ExportOptions();
        var errors = export.Validate();
        if (errors.Count > 0) throw new RaitException("invalid export options:\n  " + string.Join("\n  ", errors));
        var bad = result.Examples.FirstOrDefault(e => !double.IsFinite(e.Weight) || e.Weight < 0);
        if (bad is not null) throw new RaitException($"{dir}: row {bad.Id} has weight {bad.Weight}; weights must be finite and ≥ 0. Nothing was written.");

        var exported = result.Examples.SelectMany(e => Enumerable.Repeat(e, export.Copies(e.Weight))).ToList();
        bool anySystem = result.Examples.Any(e => e.System is not null);
        var files = new List<(string Name, byte[] Bytes)>
        {
            (SftFile, JsonLines(result.Examples)),
            (AlpacaFile, JsonArray(exported.Select(e => new AlpacaRow(e.Prompt, "", e.Answer, e.System, e.Weight, e.Id)))),
            (ShareGptFile, JsonArray(exported.Select(e => new ShareGptRow([new("human", e.Prompt), new("gpt", e.Answer)], e.System, e.Weight, e.Id)))),
            (DatasetInfoFile, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(DatasetInfo(export.DatasetName + "_" + result.Method, anySystem), ManifestJson))),
            (TrlMessagesFile, JsonLines(exported.Select(e => new TrlMessagesRow([.. SystemTurn(e), ChatMessage.User(e.Prompt), ChatMessage.Assistant(e.Answer)], e.Weight, e.Id)))),
            (TrlPromptCompletionFile, JsonLines(exported.Select(e => new TrlPromptCompletionRow([.. SystemTurn(e), ChatMessage.User(e.Prompt)], [ChatMessage.Assistant(e.Answer)], e.Weight, e.Id)))),
        };
        var manifest = new BuildManifest
        {
            Method = result.Method,
            Seed = result.Options.Seed,
            Options = result.Options,
            Inputs = result.Inputs,
            Candidates = result.Candidates,
            Summary = result.Summary,
            Export = export,
            ExportedRows = exported.Count,
            Files = [.. files.Select(f => f.Name), ManifestFile],
        };
        var manifestBytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest, ManifestJson));

        Directory.CreateDirectory(dir);
        var manifestPath = Path.Combine(dir, ManifestFile);
        if (File.Exists(manifestPath)) File.Delete(manifestPath);
        foreach (var (name, bytes) in files) AtomicFile.WriteAllBytes(Path.Combine(dir, name), bytes);
        AtomicFile.WriteAllBytes(manifestPath, manifestBytes);
        return manifest;
    }

    private static IEnumerable<ChatMessage> SystemTurn(SftExample e) => e.System is null ? [] : [ChatMessage.System(e.System)];

    private static Dictionary<string, DatasetInfoEntry> DatasetInfo(string name, bool withSystem)
    {
        var alpacaColumns = new Dictionary<string, string> { ["prompt"] = "instruction", ["query"] = "input", ["response"] = "output" };
        var shareColumns = new Dictionary<string, string> { ["messages"] = "conversations" };
        if (withSystem) { alpacaColumns["system"] = "system"; shareColumns["system"] = "system"; }
        var tags = new Dictionary<string, string> { ["role_tag"] = "from", ["content_tag"] = "value", ["user_tag"] = "human", ["assistant_tag"] = "gpt" };
        return new Dictionary<string, DatasetInfoEntry>
        {
            [name + "_alpaca"] = new("alpaca.json", "alpaca", alpacaColumns, null),
            [name + "_sharegpt"] = new("sharegpt.json", "sharegpt", shareColumns, tags),
        };
    }

    private static byte[] JsonLines<T>(IEnumerable<T> rows)
    {
        var sb = new StringBuilder();
        foreach (var r in rows) sb.Append(Jsonl.Serialize(r)).Append('\n');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] JsonArray<T>(IEnumerable<T> rows) => JsonSerializer.SerializeToUtf8Bytes(rows.ToList(), Jsonl.Options);
}
