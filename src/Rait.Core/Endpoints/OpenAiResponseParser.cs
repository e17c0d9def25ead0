using System.Text.Json;

namespace Rait.Core.Endpoints;

/// <summary>Reads chat/text completion bodies and the error shapes of OpenAI, vLLM and llama.cpp.</summary>
internal static class OpenAiResponseParser
{
    public static IReadOnlyList<CompletionChoice> ParseChat(string body) => Parse(body, chat: true);

    public static IReadOnlyList<CompletionChoice> ParseCompletion(string body) => Parse(body, chat: false);

    private static IReadOnlyList<CompletionChoice> Parse(string body, bool chat)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            throw new FormatException("expected an object with a \"choices\" array");
        var result = new List<CompletionChoice>();
        foreach (var c in choices.EnumerateArray())
        {
            int index = c.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : result.Count;
            string text = chat
                ? c.GetProperty("message").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : ""
                : c.GetProperty("text").GetString() ?? throw new FormatException("choice text is null");
            string? finish = c.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            var (lps, offsets) = c.TryGetProperty("logprobs", out var lp) && lp.ValueKind == JsonValueKind.Object
                ? chat ? (ChatLogProbs(lp), new List<int>()) : TextLogProbs(lp)
                : (new List<TokenLogProb>(), new List<int>());
            result.Add(new CompletionChoice(index, text, finish, lps, offsets));
        }
        return result.OrderBy(r => r.Index).ToList();
    }

    private static List<TokenLogProb> ChatLogProbs(JsonElement lp)
    {
        var list = new List<TokenLogProb>();
        if (!lp.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array) return list;
        foreach (var t in content.EnumerateArray())
        {
            var top = new Dictionary<string, double>(StringComparer.Ordinal);
            if (t.TryGetProperty("top_logprobs", out var tops) && tops.ValueKind == JsonValueKind.Array)
                foreach (var alt in tops.EnumerateArray())
                    top.TryAdd(alt.GetProperty("token").GetString()!, alt.GetProperty("logprob").GetDouble());
            list.Add(new TokenLogProb(t.GetProperty("token").GetString()!, t.GetProperty("logprob").GetDouble(), top));
        }
        return list;
    }

    private static (List<TokenLogProb>, List<int>) TextLogProbs(JsonElement lp)
    {
        var tokens = lp.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        var lps = lp.GetProperty("token_logprobs").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();
        var tops = lp.TryGetProperty("top_logprobs", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Select(TopMap).ToList()
            : [];
        var offsets = lp.TryGetProperty("text_offset", out var o) && o.ValueKind == JsonValueKind.Array
            ? o.EnumerateArray().Select(v => v.GetInt32()).ToList()
            : [];
        if (lps.Count != tokens.Count) throw new FormatException($"{tokens.Count} tokens but {lps.Count} token_logprobs");
        var list = tokens.Select((tok, k) => new TokenLogProb(tok, lps[k], k < tops.Count ? tops[k] : new Dictionary<string, double>())).ToList();
        return (list, offsets);
    }

    private static IReadOnlyDictionary<string, double> TopMap(JsonElement e)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        if (e.ValueKind == JsonValueKind.Object)
            foreach (var p in e.EnumerateObject()) map[p.Name] = p.Value.GetDouble();
        return map;
    }

    /// <summary>The human message of an error body: OpenAI/llama.cpp nest it under "error", older vLLM
    /// puts it at the top level; anything else is shown clipped.</summary>
    public static string ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var err = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
                if (err.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    var type = err.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? $" ({t.GetString()})" : "";
                    return m.GetString() + type;
                }
                if (root.TryGetProperty("error", out var s) && s.ValueKind == JsonValueKind.String) return s.GetString()!;
            }
        }
        catch (JsonException) { }
        var trimmed = body.Trim();
        return trimmed.Length == 0 ? "(empty body)" : trimmed.Length <= 200 ? trimmed : trimmed[..200] + "...";
    }
}
