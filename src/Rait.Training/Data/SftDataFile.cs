using System.Text.Json;
using System.Text.Json.Nodes;
using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;

namespace Rait.Training.Data;

/// <summary>
/// Reads SFT rows as users write them as well as `rait build` writes them: <c>{"prompt", "answer"}</c>
/// (optionally with system, weight and the other <see cref="SftExample"/> fields) or
/// <c>{"messages": [system?, user, assistant]}</c>. The id is optional; a row without one is named
/// after its line (<c>line-17</c>), so errors and logs still point at it.
/// </summary>
public static class SftDataFile
{
    /// <exception cref="RaitException">Missing file, malformed JSON, an unsupported message list or a duplicate id, with file:line.</exception>
    public static List<SftExample> Read(string path)
    {
        var rows = new List<SftExample>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (lineNo, line) in Jsonl.Lines(path))
        {
            var row = Parse(line, $"{path}:{lineNo}", lineNo);
            if (!seen.TryAdd(row.Id, lineNo)) throw new RaitException($"{path}:{lineNo}: id '{row.Id}' already used at line {seen[row.Id]}.");
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>One line: fills a missing id from <paramref name="lineNo"/> and maps a message list onto system/prompt/answer.</summary>
    public static SftExample Parse(string line, string where, int lineNo)
    {
        JsonObject obj;
        try { obj = JsonNode.Parse(line) as JsonObject ?? throw new RaitException($"{where}: expected a JSON object."); }
        catch (JsonException e) { throw new RaitException($"{where}: {e.Message}"); }
        if (obj["messages"] is { } messages) FromMessages(obj, messages, where);
        if (obj["id"] is null) obj["id"] = $"line-{lineNo}";
        try { return obj.Deserialize<SftExample>(Jsonl.Options) ?? throw new RaitException($"{where}: expected a JSON object."); }
        catch (JsonException e) { throw new RaitException($"{where}: {Jsonl.Describe(e)}"); }
    }

    // The trainer supervises one answer to one prompt, so only the single-turn chat shape maps without loss.
    private static void FromMessages(JsonObject obj, JsonNode messages, string where)
    {
        foreach (var key in new[] { "prompt", "answer", "system" })
            if (obj.ContainsKey(key)) throw new RaitException($"{where}: give either \"messages\" or \"{key}\", not both.");
        if (messages is not JsonArray list) throw new RaitException($"{where}: messages: expected an array of {{\"role\", \"content\"}} objects.");
        List<ChatMessage> turns;
        try { turns = list.Deserialize<List<ChatMessage>>(Jsonl.Options) ?? []; }
        catch (JsonException e) { throw new RaitException($"{where}: messages: {Jsonl.Describe(e)}"); }
        int i = 0;
        if (turns.Count > 0 && turns[0].Role == "system") obj["system"] = turns[i++].Content;
        var rest = turns.Skip(i).Select(t => t.Role).ToList();
        if (rest is not ["user", "assistant"])
            throw new RaitException($"{where}: messages: expected [system?, user, assistant], got [{string.Join(", ", turns.Select(t => t.Role))}] (multi-turn rows are not supported; split them into one row per answer).");
        obj["prompt"] = turns[i].Content;
        obj["answer"] = turns[i + 1].Content;
        obj.Remove("messages");
    }
}
