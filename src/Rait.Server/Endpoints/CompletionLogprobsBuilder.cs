using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Builds the legacy parallel log-prob lists, with text offsets that index into the returned text.</summary>
internal static class CompletionLogprobsBuilder
{
    /// <param name="echoText">The prompt text that starts the choice's text, or null without echo.</param>
    public static CompletionLogprobs Build(IChatBackend backend, IReadOnlyList<int> promptIds, string? echoText, GeneratedChoice c)
    {
        var tokens = new List<string>();
        var lps = new List<float?>();
        var tops = new List<IReadOnlyDictionary<string, float>?>();
        var offsets = new List<int>();
        void Add(TokenLogprobInfo t, int offset)
        {
            tokens.Add(t.Token);
            lps.Add(t.Logprob);
            tops.Add(t.Logprob is null ? null : Top(t));
            offsets.Add(offset);
        }
        int start = 0;
        if (echoText is not null)
        {
            for (int j = 0; j < promptIds.Count; j++)
                Add(c.PromptLogprobs![j], Math.Min(backend.Decode(promptIds.Take(j).ToList()).Length, echoText.Length));
            start = echoText.Length;
        }
        int offset = start;
        for (int j = 0; j < c.CompletionLogprobs!.Count; j++)
        {
            Add(c.CompletionLogprobs[j], Math.Min(offset, start + c.Text.Length));
            offset += c.Pieces[j].Length;
        }
        return new CompletionLogprobs(tokens, lps, tops, offsets);
    }

    /// <summary>The chosen token and its alternatives (OpenAI lists up to logprobs + 1 entries); equal texts keep the best.</summary>
    public static Dictionary<string, float> Top(TokenLogprobInfo t)
    {
        var d = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var a in t.Top) d.TryAdd(a.Token, a.Logprob);
        d.TryAdd(t.Token, t.Logprob!.Value);
        return d;
    }
}
