using Rait.Core;
using Rait.Core.Records;
using Rait.Model;

namespace Rait.Training.Data;

/// <summary>
/// Turns SFT rows into token ids with labels only on the answer: the chat-rendered prompt with the
/// generation header is masked, the answer and its end-of-turn token are supervised. Without a chat
/// template: BOS + prompt, then answer + EOS.
/// </summary>
public sealed class SftTokenizer(LanguageModel lm, bool chat, int maxLength, OverlongPolicy overlong)
{
    /// <summary>Number of rows truncated so far (reported by the trainer).</summary>
    public int Truncated { get; private set; }

    /// <exception cref="RaitException">Empty prompt/answer, or an overlong row under the Reject policy.</exception>
    public TokenizedExample Tokenize(SftExample row)
    {
        if (string.IsNullOrWhiteSpace(row.Prompt)) throw new RaitException($"SFT row {row.Id}: prompt: empty.");
        if (string.IsNullOrEmpty(row.Answer)) throw new RaitException($"SFT row {row.Id}: answer: empty.");
        if (!double.IsFinite(row.Weight) || row.Weight < 0) throw new RaitException($"SFT row {row.Id}: weight: expected a finite number >= 0, got {row.Weight}.");
        var (prompt, full) = Encode(row);
        if (full.Count > maxLength)
        {
            if (overlong == OverlongPolicy.Reject)
                throw new RaitException($"SFT row {row.Id}: {full.Count} tokens exceed max_length {maxLength} (set overlong = \"truncate\" to cut).");
            if (prompt.Count >= maxLength)
                throw new RaitException($"SFT row {row.Id}: the prompt alone has {prompt.Count} tokens, max_length is {maxLength}; nothing of the answer would be trained.");
            full = full.Take(maxLength).ToList();
            Truncated++;
        }
        var labels = full.Select((id, i) => i < prompt.Count ? TokenizedExample.Ignore : id).ToArray();
        return new TokenizedExample(row.Id, full.ToArray(), labels, row.Weight);
    }

    private (IReadOnlyList<int> Prompt, IReadOnlyList<int> Full) Encode(SftExample row)
    {
        var tok = lm.Tokenizer;
        if (chat && lm.ChatTemplate is { } template)
        {
            var messages = new List<ChatMessage>();
            if (row.System is { Length: > 0 } s) messages.Add(ChatMessage.System(s));
            messages.Add(ChatMessage.User(row.Prompt));
            var prompt = tok.Encode(template.Render(messages, addGenerationPrompt: true), addSpecialTokens: false);
            messages.Add(ChatMessage.Assistant(row.Answer));
            var full = tok.Encode(template.Render(messages, addGenerationPrompt: false), addSpecialTokens: false).ToList();
            if (full.Count < prompt.Count || !full.Take(prompt.Count).SequenceEqual(prompt))
                throw new RaitException($"SFT row {row.Id}: the chat template's prompt is not a token prefix of the full conversation; cannot mask the prompt.");
            // Drop template glue after the last end-of-turn token (e.g. ChatML's trailing "\n"): the model
            // should learn to stop, not to emit what follows the stop.
            int lastStop = full.FindLastIndex(id => lm.StopTokenIds.Contains(id));
            if (lastStop >= prompt.Count) full = full.Take(lastStop + 1).ToList();
            return (prompt, full);
        }
        var p = tok.Encode(row.System is { Length: > 0 } sys ? sys + "\n" + row.Prompt : row.Prompt, addSpecialTokens: true);
        var answer = tok.Encode(row.Answer, addSpecialTokens: false).ToList();
        if (tok.EosId is { } eos) answer.Add(eos);
        return (p, p.Concat(answer).ToList());
    }
}
