using Rait.Core;
using Rait.Model.Tokenization;

namespace Rait.Probing.Backends;

/// <summary>
/// Finds the token id an option letter has right after "Answer:". CRaFT reads " A", " B", ...; with
/// SentencePiece-style vocabularies that is "▁A", with byte-level BPE "ĠA". The id is taken from
/// tokenizing the prompt followed by " X" and checking that the prompt's own ids are a prefix, so
/// whatever the vocabulary does with the space, the letter token is the one the model would emit.
/// </summary>
public static class LetterTokens
{
    /// <summary>One token id per label, distinct.</summary>
    /// <exception cref="RaitException">The labels do not map to distinct single tokens after the prompt.</exception>
    public static IReadOnlyList<int> Resolve(ITokenizer tokenizer, string prompt, IReadOnlyList<int> promptIds, IReadOnlyList<string> labels)
    {
        foreach (var sep in new[] { " ", "" })
        {
            var ids = labels.Select(l => After(tokenizer, prompt, promptIds, sep + l)).ToList();
            if (ids.All(i => i is not null) && ids.Distinct().Count() == ids.Count) return ids.Select(i => i!.Value).ToList();
        }
        throw new RaitException($"multiple choice: the option labels {string.Join(", ", labels)} do not tokenize to distinct single tokens after \"Answer:\" with this tokenizer.");
    }

    private static int? After(ITokenizer tokenizer, string prompt, IReadOnlyList<int> promptIds, string continuation)
    {
        var full = tokenizer.Encode(prompt + continuation, addSpecialTokens: true);
        if (full.Count <= promptIds.Count) return null;
        for (int i = 0; i < promptIds.Count; i++)
            if (full[i] != promptIds[i]) return null;
        // The letter must be the whole continuation: one token that decodes back to it.
        if (full.Count != promptIds.Count + 1) return null;
        return full[^1];
    }
}
