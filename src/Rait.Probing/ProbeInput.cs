using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;

namespace Rait.Probing;

/// <summary>
/// Reads the questions to probe from our own JSONL: a line with an "options" field is a
/// <see cref="McItem"/>, any other line a <see cref="QaItem"/>. Dataset adapters convert other formats first.
/// </summary>
public static class ProbeInput
{
    /// <exception cref="RaitException">Missing file, bad UTF-8 or JSON, a missing field, a duplicate id or a
    /// multiple-choice target that is not an option label; the message names file and line.</exception>
    public static IReadOnlyList<ProbeItem> Read(string path)
    {
        if (!File.Exists(path)) throw new RaitException($"{path}: file not found.");
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        string[] lines;
        try { lines = File.ReadAllText(path, utf8).Split('\n'); }
        catch (DecoderFallbackException) { throw new RaitException($"{path}: not valid UTF-8."); }
        var items = new List<ProbeItem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var item = Parse(path, i + 1, line);
            if (seen.TryGetValue(item.Id, out var first))
                throw new RaitException($"{path}:{i + 1}: duplicate id \"{item.Id}\" (first on line {first}); ids must be unique to resume a probe.");
            seen[item.Id] = i + 1;
            items.Add(item);
        }
        if (items.Count == 0) throw new RaitException($"{path}: no questions found; expected JSONL with one QaItem or McItem per line.");
        return items;
    }

    /// <summary>First 16 hex chars of the file's sha256 (part of the prompt fingerprint).</summary>
    public static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))[..16].ToLowerInvariant();

    private static ProbeItem Parse(string path, int lineNo, string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new RaitException($"{path}:{lineNo}: expected a JSON object.");
            if (doc.RootElement.TryGetProperty("options", out _))
            {
                var mc = JsonSerializer.Deserialize<McItem>(line, Jsonl.Options)!;
                if (mc.Options.Count < 2) throw new RaitException($"{path}:{lineNo}: field options: expected at least two options, got {mc.Options.Count}.");
                if (mc.Options.All(o => o.Label != mc.Target))
                    throw new RaitException($"{path}:{lineNo}: field target: \"{mc.Target}\" is not one of the option labels {string.Join(", ", mc.Options.Select(o => o.Label))}.");
                if (mc.Options.Select(o => o.Label).Distinct().Count() != mc.Options.Count)
                    throw new RaitException($"{path}:{lineNo}: field options: repeated option label.");
                return new ProbeItem(mc);
            }
            return new ProbeItem(JsonSerializer.Deserialize<QaItem>(line, Jsonl.Options)!);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } p ? $" (field {p.TrimStart('$', '.')})" : "";
            var msg = e.Message;
            int cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
            throw new RaitException($"{path}:{lineNo}: {(cut > 0 ? msg[..cut] : msg)}{field}");
        }
    }
}
